import { Command, Option } from 'commander';
import { diffSnapshots } from '../diff/diff.js';
import { formatDiff } from '../diff/report.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { loadRegistry } from '../load/registry.js';
import type { Output } from '../output.js';
import { readSnapshot } from '../snapshot/read.js';
import type { Snapshot } from '../snapshot/types.js';
import { outputOf, snapshotOf } from './shared.js';

interface DiffOptions {
  readonly export: string;
  readonly json?: boolean;
  readonly failOn: 'breaking' | 'review';
}

/** A snapshot from a `.json` file written by `contracts snapshot`, or made from a registry module. */
async function snapshotFrom(path: string, exportName: string, output: Output): Promise<Snapshot> {
  output.progress(`reading ${path}`);
  if (path.endsWith('.json')) return readSnapshot(path);
  return snapshotOf(await loadRegistry(path, exportName));
}

/** `contracts diff <old> <new>`: classifies every change; exit 1 when one breaks clients. */
export function diffCommand(setExit: (code: ExitCode) => void): Command {
  return new Command('diff')
    .description(
      'compare two registries (modules or snapshot .json files) and classify every change as breaking, for review or compatible',
    )
    .argument('<old>', 'the registry before: a snapshot .json or a registry module')
    .argument('<new>', 'the registry after: a snapshot .json or a registry module')
    .option('-e, --export <name>', 'export holding the registry, for module arguments', 'registry')
    .option('--json', 'print the report as JSON')
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 on changes of this severity or worse')
        .choices(['breaking', 'review'])
        .default('breaking'),
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 nothing at or above --fail-on, 1 such changes found, 2 usage error, 3 an input cannot be loaded.',
    )
    .action(async (before: string, after: string, options: DiffOptions, command: Command) => {
      const output = outputOf(command);
      const a = await snapshotFrom(before, options.export, output);
      const b = await snapshotFrom(after, options.export, output);
      output.progress(`comparing ${a.operations.length} with ${b.operations.length} operation versions`);
      const report = diffSnapshots(a, b);
      await output.result(
        options.json === true ? JSON.stringify(report, null, 2) : formatDiff(report, before, after),
      );
      const failing = report.breaking + (options.failOn === 'review' ? report.review : 0);
      setExit(failing > 0 ? EXIT.failed : EXIT.ok);
    });
}
