import { Command } from 'commander';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { writeOutputFile } from '../output.js';
import { stableJson } from '../snapshot/stable-json.js';
import {
  loadWithProgress,
  outputOf,
  type RegistryOptions,
  snapshotOf,
  withRegistryOptions,
} from './shared.js';

interface SnapshotOptions extends RegistryOptions {
  readonly out?: string;
}

/** `contracts snapshot`: the JSON snapshot `contracts diff` compares (stable key order). */
export function snapshotCommand(setExit: (code: ExitCode) => void): Command {
  return withRegistryOptions(new Command('snapshot'))
    .description(
      'write the JSON snapshot of the registry that `contracts diff` compares (commit it, or keep it from main)',
    )
    .option('-o, --out <file>', 'write to this file instead of stdout')
    .action(async (options: SnapshotOptions, command: Command) => {
      const output = outputOf(command);
      const registry = await loadWithProgress(options, output);
      const text = stableJson(await snapshotOf(registry));
      if (options.out === undefined) await output.result(text);
      else {
        await writeOutputFile(options.out, text);
        output.progress(`wrote the snapshot to ${options.out}`);
      }
      setExit(EXIT.ok);
    });
}
