/** One measured row: one peer under load with one body. */
export interface Row {
  readonly server: string;
  readonly body: 'valid' | 'invalid';
  readonly requests: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Server CPU time (user + system) over the measured run, per request. */
  readonly serverCpuUsPerRequest: number;
  /** V8 heap bytes the server allocated over the measured run, per request. */
  readonly allocatedBytesPerRequest: number;
  /** Server CPU time over the run as a share of its one core (near 1: the server is the bottleneck). */
  readonly serverCpu: number;
  /** Load generator CPU as a share of its core (near 1: the client may be the bottleneck). */
  readonly clientCpu: number;
  /** Each core's busy share over the run by core number, whoever used it (from /proc/stat; empty elsewhere). */
  readonly coreBusy: Readonly<Record<string, number>>;
  readonly statuses: Readonly<Record<string, number>>;
}

/** The goal: ours serves at least this share of bare `node:http`'s requests/s. */
export const GOAL_RATIO = 0.8;

const num = (n: number, digits: number, width: number) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }).padStart(width);
const pct = (n: number) => `${Math.round(n * 100)}%`.padStart(7);

/** The table with ratios to bare `node:http` (the row of the same body), one line per row. */
export function formatTable(rows: readonly Row[]): string {
  const bare = (body: Row['body']) => rows.find((r) => r.server === 'bare' && r.body === body);
  const lines = [
    'server   body      req/s  x bare  p50 ms  p99 ms  cpu us/req  x bare  KB/req  x bare  server cpu  client cpu  cores busy',
  ];
  for (const r of rows) {
    const base = bare(r.body);
    lines.push(
      [
        r.server.padEnd(8),
        r.body.padEnd(7),
        num(r.requestsPerSecond, 0, 8),
        num(base === undefined ? Number.NaN : r.requestsPerSecond / base.requestsPerSecond, 2, 6),
        num(r.p50Ms, 2, 7),
        num(r.p99Ms, 2, 7),
        num(r.serverCpuUsPerRequest, 1, 11),
        num(base === undefined ? Number.NaN : r.serverCpuUsPerRequest / base.serverCpuUsPerRequest, 2, 7),
        num(r.allocatedBytesPerRequest / 1024, 1, 7),
        num(
          base === undefined ? Number.NaN : r.allocatedBytesPerRequest / base.allocatedBytesPerRequest,
          2,
          7,
        ),
        pct(r.serverCpu).padStart(11),
        pct(r.clientCpu).padStart(11),
        `  ${Object.values(r.coreBusy)
          .map((c) => pct(c).trim())
          .join(' ')}`,
      ].join(' '),
    );
  }
  return lines.join('\n');
}

/** One line per body: does ours reach {@link GOAL_RATIO} of bare's requests/s? */
export function goalLines(rows: readonly Row[]): string[] {
  return (['valid', 'invalid'] as const).map((body) => {
    const bare = rows.find((r) => r.server === 'bare' && r.body === body);
    const ours = rows.find((r) => r.server === 'ours' && r.body === body);
    if (bare === undefined || ours === undefined) return `goal (${body}): not measured`;
    const ratio = ours.requestsPerSecond / bare.requestsPerSecond;
    return `goal ${ratio >= GOAL_RATIO ? 'MET' : 'NOT MET'} (${body} body): ours at ${ratio.toFixed(2)}x bare node:http req/s (goal >= ${GOAL_RATIO}x)`;
  });
}
