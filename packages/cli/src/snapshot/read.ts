import { readFile } from 'node:fs/promises';
import { CliError, EXIT, messageOf } from '../exit-codes.js';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type Snapshot } from './types.js';

const REQUIRED = ['name', 'version', 'kind', 'input', 'output', 'errors', 'policy', 'exposure'] as const;

/**
 * Checks parsed JSON is a snapshot this version reads: the format tag, version 1, and operations
 * with the members `diff` compares. Throws a {@link CliError} saying what is wrong.
 */
export function parseSnapshot(data: unknown, source: string): Snapshot {
  const candidate = data as { format?: unknown; version?: unknown; operations?: unknown } | null;
  if (typeof candidate !== 'object' || candidate === null || candidate.format !== SNAPSHOT_FORMAT)
    throw new CliError(`${source} is not a contracts snapshot (no "format": "${SNAPSHOT_FORMAT}")`);
  if (candidate.version !== SNAPSHOT_VERSION)
    throw new CliError(
      `${source} is a snapshot of format version ${String(candidate.version)}; this CLI reads version ${SNAPSHOT_VERSION}`,
    );
  if (!Array.isArray(candidate.operations)) throw new CliError(`${source}: "operations" must be an array`);
  candidate.operations.forEach((op: unknown, i: number) => {
    const missing = REQUIRED.filter((key) => typeof op !== 'object' || op === null || !(key in op));
    if (missing.length > 0) throw new CliError(`${source}: operations[${i}] lacks ${missing.join(', ')}`);
  });
  // Checked above: the tag, the version and the members every reader relies on.
  return candidate as Snapshot;
}

/** Reads a snapshot file written by `contracts snapshot`. */
export async function readSnapshot(path: string): Promise<Snapshot> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${messageOf(error)}`, EXIT.error, { cause: error });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${path} is not JSON: ${messageOf(error)}`, EXIT.error, { cause: error });
  }
  return parseSnapshot(data, path);
}
