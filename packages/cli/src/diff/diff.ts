import type { Snapshot, SnapshotOperation } from '../snapshot/types.js';
import { compareOperation } from './operation.js';
import { type Change, type DiffReport, SEVERITIES } from './types.js';

function byName(snapshot: Snapshot): Map<string, Map<number, SnapshotOperation>> {
  const names = new Map<string, Map<number, SnapshotOperation>>();
  for (const op of snapshot.operations) {
    const versions = names.get(op.name) ?? new Map<number, SnapshotOperation>();
    versions.set(op.version, op);
    names.set(op.name, versions);
  }
  return names;
}

function defaultVersion(versions: ReadonlyMap<number, SnapshotOperation> | undefined): number | undefined {
  return [...(versions?.values() ?? [])].find((op) => op.default)?.version;
}

const served = (op: SnapshotOperation) =>
  op.exposure.rest || op.exposure.graphql || op.exposure.mcp || op.exposure.webhook;

/** A removed operation version breaks its callers; one no public transport served only internal code. */
function removal(op: SnapshotOperation, kind: string, what: string): Change {
  const operation = `${op.name} v${op.version}`;
  if (!served(op))
    return {
      operation,
      kind,
      severity: 'review',
      message: `${what}; no public transport served it, check internal callers`,
    };
  return { operation, kind, severity: 'breaking', message: `${what}: calls to ${operation} fail` };
}

function compareName(
  name: string,
  before: Map<number, SnapshotOperation> | undefined,
  after: Map<number, SnapshotOperation> | undefined,
  out: Change[],
): void {
  const sorted = (versions: Map<number, SnapshotOperation> | undefined) =>
    [...(versions?.values() ?? [])].sort((x, y) => x.version - y.version);
  if (before === undefined) {
    for (const op of sorted(after))
      out.push({
        operation: `${name} v${op.version}`,
        kind: 'operation.added',
        severity: 'compatible',
        message: 'new operation',
      });
    return;
  }
  if (after === undefined) {
    for (const op of sorted(before)) out.push(removal(op, 'operation.removed', 'operation removed'));
    return;
  }
  for (const version of [...new Set([...before.keys(), ...after.keys()])].sort((x, y) => x - y)) {
    const operation = `${name} v${version}`;
    const was = before.get(version);
    const now = after.get(version);
    if (was === undefined)
      out.push({ operation, kind: 'version.added', severity: 'compatible', message: 'new version' });
    else if (now === undefined) out.push(removal(was, 'version.removed', 'version removed'));
    else for (const change of compareOperation(was, now)) out.push({ operation, ...change });
  }
  const from = defaultVersion(before);
  const to = defaultVersion(after);
  if (from !== to)
    out.push({
      operation: name,
      kind: 'default-version.changed',
      severity: 'review',
      path: 'default',
      message: `calls without a version now run ${to === undefined ? 'nothing' : `v${to}`} (was ${from === undefined ? 'nothing' : `v${from}`})`,
    });
}

/**
 * Compares two snapshots and classifies every change as breaking, for review or compatible (see
 * docs/cli.md for the table). Changes are sorted by severity (breaking first), then by operation.
 * @example const report = diffSnapshots(readSnapshot('main.json'), buildSnapshot(registry)); process.exitCode = report.breaking > 0 ? 1 : 0;
 */
export function diffSnapshots(before: Snapshot, after: Snapshot): DiffReport {
  const a = byName(before);
  const b = byName(after);
  const changes: Change[] = [];
  for (const name of [...new Set([...a.keys(), ...b.keys()])].sort())
    compareName(name, a.get(name), b.get(name), changes);
  const count = (severity: Change['severity']) => changes.filter((c) => c.severity === severity).length;
  const rank = (c: Change) => SEVERITIES.indexOf(c.severity);
  const sorted = changes
    .map((change, i) => ({ change, i }))
    .sort((x, y) => rank(x.change) - rank(y.change) || x.i - y.i)
    .map(({ change }) => change);
  return {
    changes: sorted,
    breaking: count('breaking'),
    review: count('review'),
    compatible: count('compatible'),
  };
}
