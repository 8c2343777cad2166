import { httpGoals } from '../http/goals.js';
import type { LOAD } from '../http/load.js';
import { type Family, PEERS } from '../http/peers.js';
import { num, pair, SECTIONS } from '../http/report.js';
import type { Row } from '../http/row.js';
import { type BodySummary, type ServerSummary, summarize } from '../http/summary.js';
import type { Machine } from './machine.js';
import type { ReportSection, ReportTable, ResultsFile } from './section.js';

/** What `src/http/main.ts` writes to `results/http.json`; files from before the rounds lack some. */
export interface HttpResults extends ResultsFile {
  readonly machine?: Machine;
  readonly node?: string;
  readonly load: Partial<typeof LOAD> & { readonly roundsMeasured?: number; readonly generator?: string };
  readonly pinned: boolean;
  readonly seconds?: number;
  readonly killed?: Readonly<Record<string, string>>;
  readonly noisy: Readonly<Record<string, string>>;
  /** Every measured row (files from before the rounds have one round and no `round`). */
  readonly rows: readonly Row[];
}

/** Whether `file` has what the section needs: the measured rows and the load settings. */
export function isHttpResults(file: ResultsFile): file is HttpResults {
  return Array.isArray(file.rows) && typeof file.load === 'object' && file.load !== null;
}

const ratioCell = (b: BodySummary | undefined) =>
  b === undefined
    ? '-'
    : b.rounds > 1
      ? `${num(b.ratio, 2)} (${num(b.ratioMin, 2)}–${num(b.ratioMax, 2)})`
      : num(b.ratio, 2);

const latency = (b: BodySummary | undefined) => `${num(b?.p50Ms, 2)} / ${num(b?.p99Ms, 2)}`;

function familyTable(family: Family, summaries: readonly ServerSummary[]): ReportTable {
  return {
    title: SECTIONS[family],
    rows: summaries
      .filter((s) => s.family === family)
      .map((s) => ({
        server: s.server,
        'valid: x bare': ratioCell(s.valid),
        'invalid: x bare': ratioCell(s.invalid),
        'req/s valid / invalid': `${num(s.valid?.requestsPerSecond, 0)} / ${num(s.invalid?.requestsPerSecond, 0)}`,
        'p50 / p99 ms valid': latency(s.valid),
        'p50 / p99 ms invalid': latency(s.invalid),
        'CPU/req x bare': pair(s, (b) => b.cpuRatio, 2),
        'KB/req': pair(s, (b) => b.allocatedBytesPerRequest / 1024, 1),
        'KB/req x bare': pair(s, (b) => b.allocationRatio, 2),
      })),
  };
}

/**
 * The HTTP section of BENCHMARKS.md from `results/http.json`: the summary and the goals are worked
 * out again from the rows (so files written before the rounds, one round without `round`, read too).
 */
export function httpSection(results: ResultsFile): ReportSection {
  const title = 'HTTP: REST, GraphQL and MCP against bare node:http and their peers';
  if (!isHttpResults(results))
    return { title, intro: '`results/http.json` lacks its rows: run `npm run bench` again.', tables: [] };
  // Rows written before the rounds have no `round`: they are all round 1.
  const rows = results.rows.map((r) => ({ ...r, round: r.round ?? 1 }));
  const rounds = new Set(rows.map((r) => r.round)).size;
  const summary = summarize(rows, PEERS);
  const { load } = results;
  const on =
    results.machine === undefined ? '' : ` on ${results.machine.cpu} (${results.machine.cores} cores)`;
  const node = results.machine?.node ?? results.node ?? '?';
  const took =
    results.seconds === undefined ? '' : ` ${results.seconds.toFixed(0)} s in all${on}, Node ${node}.`;
  const intro = [
    `The tutorial's \`billing.capturePayment\` served by every server, each in its own process` +
      ` ${results.pinned ? 'pinned to core 0' : '(unpinned)'}, loaded by ${load.generator ?? 'autocannon'}` +
      ` (${load.connections ?? '?'} connections, pipelining ${load.pipelining ?? '?'}) from the other core.` +
      (load.roundsMeasured === undefined
        ? ' One pass (these results predate the rounds), every server checked by hand before any load;'
        : ` ${rounds} round(s), the servers' order alternating between rounds, every server checked by` +
          ' hand before and after its load;') +
      ' per server and round,' +
      ` ${load.warmupSeconds ?? '?'} s warm-up then ${load.seconds ?? '?'} s measured with the valid body, then` +
      ` ${load.secondWarmupSeconds ?? '?'} s warm-up and ${load.seconds ?? '?'} s measured with the invalid one.${took}`,
    '**x bare** is the median of the per-round ratios to bare `node:http` (same round, same body;' +
      ' in brackets the lowest and highest round); req/s, latencies and KB/req are medians over the' +
      ' rounds. Pairs read `valid / invalid`. CPU/req and KB/req are measured inside the server' +
      ' (`process.cpuUsage()`, V8 heap growth between collections), and are the steadier figures on a' +
      ' busy machine. See `bench/README.md` for what each server does.',
  ].join('\n\n');
  const notes: string[] = [];
  const noisy = Object.entries(results.noisy);
  for (const [row, what] of noisy.slice(0, 6)) notes.push(`- noisy: ${row}: ${what}`);
  if (noisy.length > 6)
    notes.push(`- noisy: ${noisy.length - 6} more rows (listed in \`results/http.json\`)`);
  for (const [server, what] of Object.entries(results.killed ?? {})) notes.push(`- ${server}: ${what}`);
  const missing = PEERS.filter((p) => !summary.some((s) => s.server === p.name)).map((p) => p.name);
  if (missing.length > 0) notes.push(`- not in these results: ${missing.join(', ')}.`);
  if (rounds < 3) notes.push(`- ${rounds} round(s) only: no median to speak of, noisier figures.`);
  return {
    title,
    intro,
    tables: (['rest', 'graphql', 'mcp'] as const).map((f) => familyTable(f, summary)),
    goals: httpGoals(rows),
    ...(notes.length > 0 ? { notes: notes.join('\n') } : {}),
  };
}
