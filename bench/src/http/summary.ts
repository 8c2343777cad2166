import type { Family } from './peers.js';
import type { Body, Row } from './row.js';

/** One server with one body over every round: medians, and medians of the per-round ratios to bare. */
export interface BodySummary {
  /** Rounds in which both this server and bare were measured with this body. */
  readonly rounds: number;
  /** Median requests/s over the rounds. */
  readonly requestsPerSecond: number;
  /** Median of the per-round ratios of requests/s to bare's (same round, same body). */
  readonly ratio: number;
  /** The smallest and largest per-round ratio: the spread the median hides. */
  readonly ratioMin: number;
  readonly ratioMax: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly cpuUsPerRequest: number;
  /** Median of the per-round ratios of CPU time per request to bare's (lower is better). */
  readonly cpuRatio: number;
  readonly allocatedBytesPerRequest: number;
  /** Median of the per-round ratios of bytes allocated per request to bare's (lower is better). */
  readonly allocationRatio: number;
}

/** One server over every round, both bodies. */
export interface ServerSummary {
  readonly server: string;
  readonly family: Family;
  readonly valid: BodySummary | undefined;
  readonly invalid: BodySummary | undefined;
}

/** The median of `values` (NaN when empty). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const mid = Math.floor(n / 2);
  return n % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

type Metric = 'requestsPerSecond' | 'serverCpuUsPerRequest' | 'allocatedBytesPerRequest';

/** `a`'s metric over `b`'s in each round where both were measured with `body`. */
export function perRoundRatios(
  rows: readonly Row[],
  a: string,
  b: string,
  body: Body,
  metric: Metric = 'requestsPerSecond',
): number[] {
  const ratios: number[] = [];
  for (const ra of rows) {
    if (ra.server !== a || ra.body !== body) continue;
    const rb = rows.find((r) => r.server === b && r.body === body && r.round === ra.round);
    if (rb !== undefined) ratios.push(ra[metric] / rb[metric]);
  }
  return ratios;
}

/** The median of {@link perRoundRatios} (NaN when no round has both). */
export function medianRatio(
  rows: readonly Row[],
  a: string,
  b: string,
  body: Body,
  metric: Metric = 'requestsPerSecond',
): number {
  return median(perRoundRatios(rows, a, b, body, metric));
}

function summarizeBody(rows: readonly Row[], server: string, body: Body): BodySummary | undefined {
  const own = rows.filter((r) => r.server === server && r.body === body);
  if (own.length === 0) return undefined;
  const ratios = perRoundRatios(rows, server, 'bare', body);
  const of = (pick: (r: Row) => number) => median(own.map(pick));
  return {
    rounds: ratios.length,
    requestsPerSecond: of((r) => r.requestsPerSecond),
    ratio: median(ratios),
    ratioMin: ratios.length === 0 ? Number.NaN : Math.min(...ratios),
    ratioMax: ratios.length === 0 ? Number.NaN : Math.max(...ratios),
    p50Ms: of((r) => r.p50Ms),
    p99Ms: of((r) => r.p99Ms),
    cpuUsPerRequest: of((r) => r.serverCpuUsPerRequest),
    cpuRatio: medianRatio(rows, server, 'bare', body, 'serverCpuUsPerRequest'),
    allocatedBytesPerRequest: of((r) => r.allocatedBytesPerRequest),
    allocationRatio: medianRatio(rows, server, 'bare', body, 'allocatedBytesPerRequest'),
  };
}

/**
 * Every server's summary, in the order given: the median over rounds of each figure, and the
 * median of the per-round ratios to bare `node:http` (taken within a round, so that a machine
 * slower in one round than in another weighs on both sides of the ratio).
 */
export function summarize(
  rows: readonly Row[],
  servers: readonly { readonly name: string; readonly family: Family }[],
): ServerSummary[] {
  return servers
    .filter((s) => rows.some((r) => r.server === s.name))
    .map((s) => ({
      server: s.name,
      family: s.family,
      valid: summarizeBody(rows, s.name, 'valid'),
      invalid: summarizeBody(rows, s.name, 'invalid'),
    }));
}
