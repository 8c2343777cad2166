import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SpecRegistry } from '@lssm/lib.contracts';
import { CliError, EXIT, messageOf } from '../exit-codes.js';

const TYPESCRIPT = /\.(?:ts|mts|cts|tsx)$/;
const registered = new Set<string>();

/** The tsconfig.json nearest to a file (its own folder, then up), whose `paths` the module relies on. */
export function nearestTsconfig(file: string): string | undefined {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const candidate = join(dir, 'tsconfig.json');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Lets `import()` load TypeScript through tsx's ESM loader, reading the `paths` (e.g. `@/lib/...`)
 * of the tsconfig.json nearest to the module; once per tsconfig.
 */
async function registerTsx(file: string): Promise<void> {
  const tsconfig = nearestTsconfig(file);
  const key = tsconfig ?? '';
  if (registered.has(key)) return;
  const { register } = await import('tsx/esm/api');
  register(tsconfig === undefined ? {} : { tsconfig });
  registered.add(key);
}

/** Imports a module by path (relative to the current directory); `.ts` files load through tsx. */
export async function importModule(path: string): Promise<Record<string, unknown>> {
  const absolute = resolve(process.cwd(), path);
  if (!existsSync(absolute)) throw new CliError(`cannot load ${path}: no such file`);
  if (TYPESCRIPT.test(absolute)) await registerTsx(absolute);
  try {
    // A module namespace is an object of its exports.
    return (await import(pathToFileURL(absolute).href)) as Record<string, unknown>;
  } catch (error) {
    throw new CliError(`cannot load ${path}: ${messageOf(error)}`, EXIT.error, { cause: error });
  }
}

/** True for a `SpecRegistry`, also one made by another copy of the package (checked by shape). */
export function isRegistry(value: unknown): value is SpecRegistry {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<'list' | 'resolve' | 'exposed' | 'problems', unknown>>;
  return ['list', 'resolve', 'exposed', 'problems'].every(
    (method) => typeof candidate[method as keyof typeof candidate] === 'function',
  );
}

/**
 * The `SpecRegistry` a module exports under `exportName` (with `default` as a fallback for the
 * default name `registry`).
 * @example const registry = await loadRegistry('lib/registry.ts', 'registry');
 */
export async function loadRegistry(path: string, exportName = 'registry'): Promise<SpecRegistry> {
  const module = await importModule(path);
  const value =
    exportName in module ? module[exportName] : exportName === 'registry' ? module.default : undefined;
  if (value === undefined) {
    const names = Object.keys(module).sort();
    throw new CliError(
      `${path} has no export "${exportName}"${names.length === 0 ? '' : ` (it exports ${names.join(', ')})`}; pick one with --export`,
    );
  }
  if (!isRegistry(value)) throw new CliError(`the export "${exportName}" of ${path} is not a SpecRegistry`);
  return value;
}
