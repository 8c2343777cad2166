import type { Stability } from '@lssm/lib.contracts';
import type { SnapshotOperation } from '../snapshot/types.js';
import { sameJson } from './normalize.js';
import { comparePolicies } from './policy.js';
import { compareSchemas } from './schema.js';
import type { Severity } from './types.js';

/** A change within one operation version. */
export interface OperationChange {
  readonly kind: string;
  readonly severity: Severity;
  readonly path?: string;
  readonly message: string;
}

/** How settled a stability is: going down (stable -> beta or experimental) deserves a review. */
const MATURITY: Readonly<Record<Stability, number>> = { experimental: 0, beta: 1, stable: 2, deprecated: 2 };
const TRANSPORTS = ['rest', 'graphql', 'mcp', 'webhook'] as const;
const HINTS = ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const;

function compareErrors(a: SnapshotOperation, b: SnapshotOperation, out: OperationChange[]): void {
  for (const code of [...new Set([...Object.keys(a.errors), ...Object.keys(b.errors)])].sort()) {
    const path = `errors.${code}`;
    const was = a.errors[code];
    const now = b.errors[code];
    if (was === undefined && now !== undefined)
      out.push({
        kind: 'errors.code-added',
        severity: 'breaking',
        path,
        message: `new error code ${code} (${now.status}): clients do not handle it yet`,
      });
    else if (was !== undefined && now === undefined)
      out.push({
        kind: 'errors.code-removed',
        severity: 'compatible',
        path,
        message: `error code ${code} is no longer answered`,
      });
    else if (was !== undefined && now !== undefined) {
      if (was.status !== now.status)
        out.push({
          kind: 'errors.status-changed',
          severity: 'breaking',
          path,
          message: `HTTP status changed from ${was.status} to ${now.status}`,
        });
      if (was.data !== undefined && now.data !== undefined)
        out.push(...compareSchemas(was.data, now.data, 'output', `${path}.data`));
      else if (was.data !== now.data)
        out.push({
          kind: 'errors.data-changed',
          severity: 'breaking',
          path: `${path}.data`,
          message: now.data === undefined ? 'the error no longer carries data' : 'the error now carries data',
        });
    }
  }
}

function compareStability(a: SnapshotOperation, b: SnapshotOperation, out: OperationChange[]): void {
  if (a.stability !== b.stability) {
    const less = MATURITY[b.stability] < MATURITY[a.stability];
    out.push({
      kind: 'stability.changed',
      severity: less ? 'review' : 'compatible',
      path: 'stability',
      message: `stability changed from ${a.stability} to ${b.stability}`,
    });
  }
  if (!sameJson(a.deprecation, b.deprecation))
    out.push({
      kind: 'deprecation.changed',
      severity: 'compatible',
      path: 'deprecation',
      message: `deprecation details changed to ${JSON.stringify(b.deprecation ?? null)}`,
    });
}

function compareExposure(a: SnapshotOperation, b: SnapshotOperation, out: OperationChange[]): void {
  for (const transport of TRANSPORTS) {
    if (a.exposure[transport] && !b.exposure[transport])
      out.push({
        kind: 'exposure.removed',
        severity: 'breaking',
        path: `exposure.${transport}`,
        message: `no longer served on ${transport}`,
      });
    if (!a.exposure[transport] && b.exposure[transport])
      out.push({
        kind: 'exposure.added',
        severity: 'compatible',
        path: `exposure.${transport}`,
        message: `now served on ${transport}`,
      });
  }
}

function compareMcp(a: SnapshotOperation, b: SnapshotOperation, out: OperationChange[]): void {
  if (a.mcp === null || b.mcp === null) return;
  if (a.mcp.tool !== b.mcp.tool)
    out.push({
      kind: 'mcp.tool-renamed',
      severity: 'breaking',
      path: 'mcp.tool',
      message: `MCP tool renamed from ${a.mcp.tool} to ${b.mcp.tool}`,
    });
  for (const hint of HINTS) {
    if (a.mcp.hints[hint] !== b.mcp.hints[hint])
      out.push({
        kind: 'mcp.hint-changed',
        severity: 'review',
        path: `mcp.hints.${hint}`,
        message: `${hint} changed from ${String(a.mcp.hints[hint])} to ${String(b.mcp.hints[hint])}`,
      });
  }
}

function compareCallRules(a: SnapshotOperation, b: SnapshotOperation, out: OperationChange[]): void {
  const required = (op: SnapshotOperation) => op.idempotency?.required === true;
  if (!required(a) && required(b))
    out.push({
      kind: 'idempotency.key-required',
      severity: 'breaking',
      path: 'idempotency.required',
      message: 'calls without an idempotency key are now refused',
    });
  if (required(a) && !required(b))
    out.push({
      kind: 'idempotency.key-optional',
      severity: 'compatible',
      path: 'idempotency.required',
      message: 'the idempotency key is now optional',
    });
  const rate = (op: SnapshotOperation) =>
    op.rateLimit === null ? Number.POSITIVE_INFINITY : op.rateLimit.limit / op.rateLimit.windowSeconds;
  if (!sameJson(a.rateLimit, b.rateLimit)) {
    const tighter = rate(b) < rate(a) || (a.rateLimit?.by === 'actor' && b.rateLimit?.by === 'tenant');
    out.push({
      kind: tighter ? 'rate-limit.tightened' : 'rate-limit.loosened',
      severity: tighter ? 'review' : 'compatible',
      path: 'rateLimit',
      message: `rate limit changed from ${JSON.stringify(a.rateLimit)} to ${JSON.stringify(b.rateLimit)}`,
    });
  }
  for (const event of a.events.filter((e) => !b.events.includes(e)))
    out.push({
      kind: 'events.removed',
      severity: 'review',
      path: 'events',
      message: `no longer emits ${event}: check its subscribers`,
    });
  for (const event of b.events.filter((e) => !a.events.includes(e)))
    out.push({ kind: 'events.added', severity: 'compatible', path: 'events', message: `now emits ${event}` });
}

/** Every classified change between two versions of the same operation (same name and version). */
export function compareOperation(a: SnapshotOperation, b: SnapshotOperation): OperationChange[] {
  const out: OperationChange[] = [];
  if (a.kind !== b.kind)
    out.push({
      kind: 'kind.changed',
      severity: 'breaking',
      path: 'kind',
      message: `changed from a ${a.kind} to a ${b.kind}`,
    });
  compareStability(a, b, out);
  compareExposure(a, b, out);
  out.push(...compareSchemas(a.input, b.input, 'input', 'input'));
  out.push(...compareSchemas(a.output, b.output, 'output', 'output'));
  compareErrors(a, b, out);
  out.push(...comparePolicies(a.policy, b.policy));
  compareCallRules(a, b, out);
  compareMcp(a, b, out);
  return out;
}
