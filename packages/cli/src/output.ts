import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CliError, EXIT, messageOf } from './exit-codes.js';

/** Where a command writes: results to stdout, progress and warnings to stderr. */
export interface Output {
  /** Writes a result (stdout); resolves once it is flushed. */
  result(text: string): Promise<void>;
  /** A progress line (stderr), unless `--quiet`. */
  progress(line: string): void;
  /** A warning line (stderr), always. */
  warn(line: string): void;
}

function writeTo(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => (error ? reject(error) : resolve()));
  });
}

/** The process's own output; progress lines are time-stamped relative to the start. */
export function processOutput(quiet: boolean, started = performance.now()): Output {
  return {
    result: (text) => writeTo(process.stdout, text.endsWith('\n') ? text : `${text}\n`),
    progress(line) {
      if (quiet) return;
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      process.stderr.write(`[${seconds.padStart(5)}s] ${line}\n`);
    },
    warn(line) {
      process.stderr.write(`warning: ${line}\n`);
    },
  };
}

/** Writes a file, making its folder; a failure is a {@link CliError} naming the path. */
export async function writeOutputFile(path: string, text: string): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text.endsWith('\n') ? text : `${text}\n`, 'utf8');
  } catch (error) {
    throw new CliError(`cannot write ${path}: ${messageOf(error)}`, EXIT.error, { cause: error });
  }
}
