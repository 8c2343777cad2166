import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { auditCommand } from './commands/audit.js';
import { diffCommand } from './commands/diff.js';
import { docsCommand } from './commands/docs.js';
import { listCommand } from './commands/list.js';
import { openApiCommand } from './commands/openapi.js';
import { snapshotCommand } from './commands/snapshot.js';
import { CliError, EXIT, type ExitCode } from './exit-codes.js';

function packageVersion(): string {
  // src/cli.ts and dist/cli.js both sit one folder below package.json.
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version?: string;
  };
  return pkg.version ?? '0.0.0';
}

/** The `contracts` program; each command reports its exit code through `setExit`. */
export function buildProgram(setExit: (code: ExitCode) => void): Command {
  const program = new Command('contracts')
    .description(
      'The spec is the source of truth: list operations, write OpenAPI and docs, diff registries, verify the audit trail.',
    )
    .version(packageVersion())
    .option('-q, --quiet', 'no progress lines on stderr')
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .addHelpText(
      'after',
      '\nExit codes: 0 done, 1 check failed (breaking changes, broken audit chain), 2 usage error, 3 could not do the work.',
    );
  for (const make of [listCommand, openApiCommand, docsCommand, snapshotCommand, diffCommand, auditCommand])
    program.addCommand(make(setExit));
  // addCommand does not copy settings: every command exits through the override and shows the hint.
  const all = (command: Command): Command[] => [command, ...command.commands.flatMap(all)];
  for (const command of all(program)) command.exitOverride().showHelpAfterError('(add --help for usage)');
  return program;
}

/**
 * Runs the CLI on `argv` (without `node` and the script) and resolves to the exit code; errors are
 * reported on stderr as one line.
 * @example process.exitCode = await runCli(process.argv.slice(2));
 */
export async function runCli(argv: readonly string[]): Promise<ExitCode> {
  let exit: ExitCode = EXIT.ok;
  const program = buildProgram((code) => {
    exit = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exit;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (error instanceof CliError) {
      process.stderr.write(`contracts: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(
      `contracts: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return EXIT.error;
  }
}
