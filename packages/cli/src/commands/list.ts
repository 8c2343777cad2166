import { Command } from 'commander';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { loadWithProgress, outputOf, type RegistryOptions, withRegistryOptions } from './shared.js';

interface ListOptions extends RegistryOptions {
  readonly json?: boolean;
}

/** One row of `contracts list`. */
export interface ListRow {
  readonly name: string;
  readonly version: number;
  readonly kind: string;
  readonly stability: string;
  readonly owners: readonly string[];
  readonly auth: string;
}

/** Left-aligned columns separated by two spaces. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** `contracts list`: the registry's operations, one per line (or JSON). */
export function listCommand(setExit: (code: ExitCode) => void): Command {
  return withRegistryOptions(new Command('list'))
    .description('list the operations of a registry module: name, version, kind, stability, owners, auth')
    .option('--json', 'print JSON instead of a table')
    .action(async (options: ListOptions, command: Command) => {
      const output = outputOf(command);
      const registry = await loadWithProgress(options, output);
      const rows: ListRow[] = registry.list().map(({ spec }) => ({
        name: spec.meta.name,
        version: spec.meta.version,
        kind: spec.kind,
        stability: spec.meta.stability,
        owners: [...spec.meta.owners],
        auth: spec.policy.auth,
      }));
      for (const { operation, problem } of registry.problems()) output.warn(`${operation}: ${problem}`);
      if (options.json === true) await output.result(JSON.stringify(rows, null, 2));
      else if (rows.length === 0) await output.result('No operations.');
      else
        await output.result(
          formatTable(
            ['NAME', 'VERSION', 'KIND', 'STABILITY', 'OWNERS', 'AUTH'],
            rows.map((r) => [r.name, String(r.version), r.kind, r.stability, r.owners.join(','), r.auth]),
          ),
        );
      setExit(EXIT.ok);
    });
}
