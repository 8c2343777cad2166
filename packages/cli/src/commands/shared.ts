import type { SpecRegistry } from '@lssm/lib.contracts';
import type { Command } from 'commander';
import { CliError, EXIT, messageOf } from '../exit-codes.js';
import { loadRegistry } from '../load/registry.js';
import { type Output, processOutput } from '../output.js';
import type { Snapshot } from '../snapshot/types.js';

/** The default registry module: the tutorial's `lib/registry.ts`. */
export const DEFAULT_REGISTRY = 'lib/registry.ts';

/** Options every registry-reading command takes. */
export interface RegistryOptions {
  readonly registry: string;
  readonly export: string;
}

/** Adds `--registry` and `--export` to a command. */
export function withRegistryOptions(command: Command): Command {
  return command
    .option(
      '-r, --registry <path>',
      'module exporting the SpecRegistry (.ts loads through tsx)',
      DEFAULT_REGISTRY,
    )
    .option(
      '-e, --export <name>',
      'name of the export holding the registry (falls back to default)',
      'registry',
    );
}

/** The output of a command, quiet when `--quiet` was given anywhere on the line. */
export function outputOf(command: Command): Output {
  return processOutput(command.optsWithGlobals<{ quiet?: boolean }>().quiet === true);
}

/** Loads the registry with progress lines around it. */
export async function loadWithProgress(options: RegistryOptions, output: Output): Promise<SpecRegistry> {
  output.progress(`loading ${options.registry} (export "${options.export}")`);
  const registry = await loadRegistry(options.registry, options.export);
  const count = registry.list().length;
  output.progress(`loaded ${count} operation version${count === 1 ? '' : 's'}`);
  return registry;
}

/** The registry's snapshot; a registry that cannot be described (two models with one name) is a CLI error. */
export async function snapshotOf(registry: SpecRegistry): Promise<Snapshot> {
  // Loaded on use: listing and diffing snapshot files do not need the schema exporters.
  const { buildSnapshot } = await import('../snapshot/build.js');
  try {
    return buildSnapshot(registry);
  } catch (error) {
    throw new CliError(`cannot describe the registry: ${messageOf(error)}`, EXIT.error, { cause: error });
  }
}
