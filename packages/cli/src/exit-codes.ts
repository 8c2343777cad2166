/**
 * The exit codes of every `contracts` command, for scripts and CI:
 * 0 done (no breaking change, an intact audit chain); 1 the check failed (breaking changes, a broken
 * audit chain); 2 usage error (unknown command or option, a missing argument); 3 could not do the
 * work (a module that does not load, a file that cannot be written, a database that cannot be opened).
 */
export const EXIT = Object.freeze({ ok: 0, failed: 1, usage: 2, error: 3 });

/** One of {@link EXIT}'s values. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error the CLI reports as one line, with the exit code it ends with. */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly exitCode: ExitCode;

  constructor(message: string, exitCode: ExitCode = EXIT.error, options?: { cause?: unknown }) {
    super(message, options);
    this.exitCode = exitCode;
  }
}

/** A short text for any thrown value (a message, never a stack). */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
