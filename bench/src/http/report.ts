import type { Family } from './peers.js';
import type { BodySummary, ServerSummary } from './summary.js';

/** The table's sections: one per protocol, every ratio against the bare REST server. */
export const SECTIONS: Readonly<Record<Family, string>> = {
  rest: 'REST (POST /api/ops/billing.capturePayment)',
  graphql: 'GraphQL (POST /graphql, one mutation; x bare: against the bare REST server)',
  mcp: 'MCP (POST /mcp, one tools/call; x bare: against the bare REST server)',
};

/** `n` with `digits` decimals and thousands separators, `-` when not measured. */
export function num(n: number | undefined, digits: number): string {
  if (n === undefined || Number.isNaN(n)) return '-';
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** `valid / invalid` of one figure of a summary. */
export function pair(s: ServerSummary, pick: (b: BodySummary) => number, digits: number): string {
  const of = (b: BodySummary | undefined) => num(b === undefined ? undefined : pick(b), digits);
  return `${of(s.valid)} / ${of(s.invalid)}`;
}

const COLUMNS: readonly [string, number, (s: ServerSummary) => string][] = [
  ['valid req/s', 11, (s) => num(s.valid?.requestsPerSecond, 0)],
  ['x bare', 6, (s) => num(s.valid?.ratio, 2)],
  ['invalid req/s', 13, (s) => num(s.invalid?.requestsPerSecond, 0)],
  ['x bare', 6, (s) => num(s.invalid?.ratio, 2)],
  ['p50/p99 ms valid', 16, (s) => `${num(s.valid?.p50Ms, 2)} / ${num(s.valid?.p99Ms, 2)}`],
  ['p50/p99 ms invalid', 18, (s) => `${num(s.invalid?.p50Ms, 2)} / ${num(s.invalid?.p99Ms, 2)}`],
  ['cpu/req x bare', 15, (s) => pair(s, (b) => b.cpuRatio, 2)],
  ['KB/req', 13, (s) => pair(s, (b) => b.allocatedBytesPerRequest / 1024, 1)],
  ['KB x bare', 13, (s) => pair(s, (b) => b.allocationRatio, 2)],
];

/**
 * The console table, one section per protocol, one line per server: medians over the rounds, and
 * the medians of the per-round ratios to bare `node:http` (the REST row with the same body: the
 * same operation done by hand, the practical limit). Pairs read `valid / invalid`.
 */
export function formatTable(summaries: readonly ServerSummary[]): string {
  const head = ['server'.padEnd(12), ...COLUMNS.map(([title, width]) => title.padStart(width))];
  const lines = [head.join('  ')];
  for (const family of Object.keys(SECTIONS) as Family[]) {
    const section = summaries.filter((s) => s.family === family);
    if (section.length === 0) continue;
    lines.push(`-- ${SECTIONS[family]}`);
    for (const s of section)
      lines.push(
        [s.server.padEnd(12), ...COLUMNS.map(([, width, cell]) => cell(s).padStart(width))].join('  '),
      );
  }
  return lines.join('\n');
}
