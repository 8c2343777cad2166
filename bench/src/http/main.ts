import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { machineInfo } from '../report/machine.js';
import { writeResults } from '../report/section.js';
import { goalLines, httpGoals } from './goals.js';
import { LOAD, LOAD_GENERATOR } from './load.js';
import { noisyRows } from './measure.js';
import { PEERS } from './peers.js';
import { formatTable } from './report.js';
import type { Row } from './row.js';
import { roundOrder, serverSession, WatchdogError, watchdogMs } from './session.js';
import { summarize } from './summary.js';

// HTTP benchmark: the tutorial's op served over REST (bare node:http, ours, Fastify, Hono, oRPC,
// tRPC, ts-rest), GraphQL (ours, graphql-http, Mercurius) and MCP (ours, the MCP SDK), each server
// in its own process pinned to core 0, loaded by wrk (when installed; else autocannon) from this
// process's core (run.sh pins it to core 1), in rounds whose order alternates; ratios to bare are taken within a round and their
// medians reported. BENCH_HTTP_ONLY=ours,bare and BENCH_HTTP_BODY=valid narrow the run
// (results/http.json is then left alone); BENCH_HTTP_PROFILE=ours profiles that server with
// --cpu-prof, one round (see profile-top.ts).
const BUDGET_MS = Number(process.env.BENCH_HTTP_BUDGET ?? 300) * 1000;
const PROFILE = process.env.BENCH_HTTP_PROFILE;
const PROFILE_DIR = process.env.BENCH_HTTP_PROFILE_DIR ?? '/tmp/lssm-http-profile';
const ONLY = (PROFILE ?? process.env.BENCH_HTTP_ONLY)?.split(',');
const BODIES = (['valid', 'invalid'] as const).filter((b) => (process.env.BENCH_HTTP_BODY ?? b) === b);
const ROUNDS = PROFILE === undefined ? LOAD.rounds : 1;

const core = spawnSync('taskset', ['-c', '0', 'true']).status === 0 ? '0' : undefined;
if (core === undefined) console.log('taskset unavailable: servers run unpinned (expect more noise)');
const load = loadavg()[0] ?? 0;
if (load > 0.5)
  console.log(`warning: load average ${load.toFixed(2)}; other processes compete, expect noise`);
const nodeFlags =
  PROFILE === undefined ? [] : ['--cpu-prof', '--cpu-prof-interval=200', `--cpu-prof-dir=${PROFILE_DIR}`];
const unknown = ONLY?.filter((name) => !PEERS.some((p) => p.name === name)) ?? [];
if (unknown.length > 0)
  throw new Error(`unknown server ${unknown.join(', ')}; known: ${PEERS.map((p) => p.name).join(', ')}`);
const peers = ONLY === undefined ? PEERS : PEERS.filter((p) => ONLY.includes(p.name));
const started = performance.now();
const seconds = () => (performance.now() - started) / 1000;

const pct = (n: number) => `${Math.round(n * 100)}%`;
const progress = (r: Row) =>
  `${r.body} ${Math.round(r.requestsPerSecond).toLocaleString('en-US')} req/s (server ${pct(r.serverCpu)}, client ${pct(r.clientCpu)})`;

console.log(
  `${ROUNDS} round(s) x ${peers.length} servers, load by ${LOAD_GENERATOR}: ${LOAD.connections} connections, pipelining ${LOAD.pipelining},` +
    ` per body ${LOAD.seconds} s measured after ${[LOAD.warmupSeconds, LOAD.secondWarmupSeconds].slice(0, BODIES.length).join(' s / ')} s warm-up;` +
    ` watchdog ${(watchdogMs(BODIES.length) / 1000).toFixed(0)} s per server, budget ${BUDGET_MS / 1000} s`,
);
const rows: Row[] = [];
const killed = new Map<string, string>();
let rounds = 0;
let lastRoundMs = 0;
for (let round = 1; round <= ROUNDS; round++) {
  if (round > 1 && performance.now() - started + lastRoundMs > BUDGET_MS) {
    console.log(`out of time: stopping after ${rounds} round(s)`);
    break;
  }
  const roundStart = performance.now();
  const order = roundOrder(peers, round);
  console.log(`-- round ${round}: ${order.map((p) => p.name).join(', ')}`);
  for (const peer of order) {
    if (killed.has(peer.name)) continue;
    try {
      const got = await serverSession(peer, { core, nodeFlags, bodies: BODIES, round });
      rows.push(...got);
      console.log(`${peer.name.padEnd(12)} checked before and after; ${got.map(progress).join('; ')}`);
    } catch (error) {
      if (!(error instanceof WatchdogError)) throw error;
      killed.set(peer.name, error.message);
      console.log(error.message);
    }
  }
  rounds = round;
  lastRoundMs = performance.now() - roundStart;
}

const summary = summarize(rows, peers);
const goals = httpGoals(rows);
const noisy = noisyRows(rows);
console.log(
  `\nHTTP, POST billing.capturePayment: medians of ${rounds} round(s) (ratios to bare taken within each round);` +
    ` servers ${core === undefined ? 'unpinned' : 'on core 0'}, ${seconds().toFixed(0)} s in all;` +
    ` load average ${load.toFixed(2)} at the start, ${(loadavg()[0] ?? 0).toFixed(2)} at the end\n`,
);
console.log(formatTable(summary));
const noisyLines = Object.entries(noisy).map(([row, what]) => `noisy: ${row}: ${what}`);
if (noisyLines.length > 6)
  noisyLines.splice(3, Infinity, `noisy: ${noisyLines.length - 3} more of the ${rows.length} rows`);
console.log(`\n${[...noisyLines, ...goalLines(goals)].join('\n')}`);
if (PROFILE !== undefined) console.log(`\nprofile written to ${PROFILE_DIR}`);

const complete = ONLY === undefined && BODIES.length === 2 && PROFILE === undefined;
if (complete) {
  const path = writeResults('http', {
    machine: machineInfo(),
    load: { ...LOAD, roundsMeasured: rounds, generator: LOAD_GENERATOR },
    pinned: core !== undefined,
    loadAverage: { start: load, end: loadavg()[0] ?? 0 },
    seconds: seconds(),
    killed: Object.fromEntries(killed),
    noisy,
    goals,
    summary,
    rows,
  });
  console.log(`\nwrote ${path}`);
}
if (killed.size > 0) {
  console.log(`\nfailed: ${[...killed.keys()].join(', ')} killed by the watchdog`);
  process.exitCode = 1;
}
