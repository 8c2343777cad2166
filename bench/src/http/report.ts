import type { Family } from './peers.js';

/** One measured row: one peer under load with one body. */
export interface Row {
  readonly server: string;
  readonly family: Family;
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

/** A goal: `server` serves at least `ratio` of bare `node:http`'s requests/s, with either body. */
export interface Goal {
  readonly server: string;
  readonly ratio: number;
}

/** The goals: our REST adapter at 0.8x bare, our GraphQL and MCP endpoints at 0.4x. */
export const GOALS: readonly Goal[] = [
  { server: 'ours', ratio: 0.8 },
  { server: 'ours-graphql', ratio: 0.4 },
  { server: 'ours-mcp', ratio: 0.4 },
];

/** Comparisons the issue asks for: ours against the best-known peer of its protocol. */
const RIVALS: readonly { readonly server: string; readonly rival: string; readonly ratio: number }[] = [
  { server: 'ours-graphql', rival: 'mercurius', ratio: 1 },
  { server: 'ours-mcp', rival: 'mcp-sdk', ratio: 10 },
];

const SECTIONS: Readonly<Record<Family, string>> = {
  rest: 'REST (POST /api/ops/billing.capturePayment)',
  graphql: 'GraphQL (POST /graphql, one mutation; x bare: against the bare REST server)',
  mcp: 'MCP (POST /mcp, one tools/call; x bare: against the bare REST server)',
};

const num = (n: number, digits: number, width: number) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }).padStart(width);
const pct = (n: number) => `${Math.round(n * 100)}%`.padStart(7);
const ratio = (n: number, base: number | undefined, width = 7) =>
  num(base === undefined ? Number.NaN : n / base, 2, width);

function line(r: Row, base: Row | undefined): string {
  return [
    r.server.padEnd(12),
    r.body.padEnd(7),
    num(r.requestsPerSecond, 0, 8),
    ratio(r.requestsPerSecond, base?.requestsPerSecond, 6),
    num(r.p50Ms, 2, 7),
    num(r.p99Ms, 2, 7),
    num(r.serverCpuUsPerRequest, 1, 11),
    ratio(r.serverCpuUsPerRequest, base?.serverCpuUsPerRequest),
    num(r.allocatedBytesPerRequest / 1024, 1, 7),
    ratio(r.allocatedBytesPerRequest, base?.allocatedBytesPerRequest),
    pct(r.serverCpu).padStart(11),
    pct(r.clientCpu).padStart(11),
    `  ${Object.values(r.coreBusy)
      .map((c) => pct(c).trim())
      .join(' ')}`,
  ].join(' ');
}

/**
 * The table, one section per protocol, one line per row, every ratio against bare `node:http`
 * (the REST row of the same body: the same operation done by hand, the practical limit).
 */
export function formatTable(rows: readonly Row[]): string {
  const bare = (body: Row['body']) => rows.find((r) => r.server === 'bare' && r.body === body);
  const lines = [
    'server       body      req/s  x bare  p50 ms  p99 ms  cpu us/req  x bare  KB/req  x bare  server cpu  client cpu  cores busy',
  ];
  for (const family of Object.keys(SECTIONS) as Family[]) {
    const section = rows.filter((r) => r.family === family);
    if (section.length === 0) continue;
    lines.push(`-- ${SECTIONS[family]}`);
    for (const r of section) lines.push(line(r, bare(r.body)));
  }
  return lines.join('\n');
}

const find = (rows: readonly Row[], server: string, body: Row['body']) =>
  rows.find((r) => r.server === server && r.body === body);

/** `a`'s requests/s over `b`'s, and the same figure worked out from their CPU time per request. */
function ratios(a: Row, b: Row): string {
  const byCpu = b.serverCpuUsPerRequest / a.serverCpuUsPerRequest;
  return `${(a.requestsPerSecond / b.requestsPerSecond).toFixed(2)}x (by CPU per request ${byCpu.toFixed(2)}x)`;
}

/**
 * One line per goal and body (is it met, on requests/s?), then ours against its rivals (Mercurius,
 * the MCP SDK). Each also gives the ratio from CPU time per request: on a busy machine, where the
 * servers do not get a whole core, that is the figure to read.
 */
export function goalLines(rows: readonly Row[]): string[] {
  const lines: string[] = [];
  for (const goal of GOALS) {
    for (const body of ['valid', 'invalid'] as const) {
      const bare = find(rows, 'bare', body);
      const ours = find(rows, goal.server, body);
      if (bare === undefined || ours === undefined) continue;
      const met = ours.requestsPerSecond / bare.requestsPerSecond >= goal.ratio;
      lines.push(
        `goal ${met ? 'MET' : 'NOT MET'} (${body} body): ${goal.server} at ${ratios(ours, bare)} bare node:http (goal >= ${goal.ratio}x)`,
      );
    }
  }
  for (const { server, rival, ratio: wanted } of RIVALS) {
    for (const body of ['valid', 'invalid'] as const) {
      const ours = find(rows, server, body);
      const theirs = find(rows, rival, body);
      if (ours === undefined || theirs === undefined) continue;
      const ahead = ours.requestsPerSecond / theirs.requestsPerSecond >= wanted;
      lines.push(
        `${ahead ? 'ahead' : 'behind'} (${body} body): ${server} at ${ratios(ours, theirs)} ${rival} (wanted >= ${wanted}x)`,
      );
    }
  }
  return lines.length === 0 ? ['goals: not measured (bare or ours missing)'] : lines;
}
