import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { type CheckReport, checkPeer } from './check.js';
import { LOAD } from './load.js';
import { measure, noisyRows } from './measure.js';
import { PEERS } from './peers.js';
import { formatTable, goalLines, type Row } from './report.js';
import { startServer } from './spawn.js';

// HTTP benchmark: the tutorial's op served over REST (bare node:http, ours, Fastify, Hono, oRPC),
// GraphQL (ours, graphql-http, Mercurius) and MCP (ours, the MCP SDK), each server in its own
// process pinned to core 0, loaded by autocannon from this process (run.sh pins it to core 1).
// BENCH_HTTP_ONLY=ours,bare and BENCH_HTTP_BODY=valid narrow the run (results/http.json is then
// left alone); BENCH_HTTP_PROFILE=ours profiles that server with --cpu-prof (see profile-top.ts).
const OUT = resolve(import.meta.dirname, '../../results/http.json');
const BUDGET_MS = 200_000;
const PROFILE = process.env.BENCH_HTTP_PROFILE;
const PROFILE_DIR = process.env.BENCH_HTTP_PROFILE_DIR ?? '/tmp/lssm-http-profile';
const ONLY = (PROFILE ?? process.env.BENCH_HTTP_ONLY)?.split(',');
const BODIES = (['valid', 'invalid'] as const).filter((b) => (process.env.BENCH_HTTP_BODY ?? b) === b);
const FULL = ONLY === undefined && BODIES.length === 2;

const core = spawnSync('taskset', ['-c', '0', 'true']).status === 0 ? '0' : undefined;
if (core === undefined) console.log('taskset unavailable: servers run unpinned (expect more noise)');
const load = loadavg()[0] ?? 0;
if (load > 0.5)
  console.log(`warning: load average ${load.toFixed(2)}; other processes compete, expect noise`);
const flags =
  PROFILE === undefined ? [] : ['--cpu-prof', '--cpu-prof-interval=200', `--cpu-prof-dir=${PROFILE_DIR}`];
const unknown = ONLY?.filter((name) => !PEERS.some((p) => p.name === name)) ?? [];
if (unknown.length > 0)
  throw new Error(`unknown server ${unknown.join(', ')}; known: ${PEERS.map((p) => p.name).join(', ')}`);
const peers = ONLY === undefined ? PEERS : PEERS.filter((p) => ONLY.includes(p.name));
const started = performance.now();

// Every server is checked by hand before any is measured.
const checked = new Map<string, CheckReport>();
for (const peer of peers) {
  const server = await startServer(peer.name, core);
  try {
    const check = await checkPeer(server.port, peer);
    checked.set(peer.name, check);
    console.log(
      `${peer.name.padEnd(12)} checked by hand: valid ${check.validStatus}, invalid ${check.invalidStatus}` +
        ` (${check.invalidIssues ?? '?'} issues), no bearer ${check.noBearerStatus}`,
    );
  } finally {
    await server.stop();
  }
}

// The first body's warm-up warms the server up too; the second body's is shorter.
const warmups = [LOAD.warmupSeconds, LOAD.secondWarmupSeconds];
const perPeerMs = (BODIES.length * LOAD.seconds + LOAD.warmupSeconds + LOAD.secondWarmupSeconds + 2) * 1000;
const rows: Row[] = [];
for (const peer of peers) {
  if (performance.now() - started + perPeerMs > BUDGET_MS) {
    console.log(`out of time: ${peer.name} not measured`);
    continue;
  }
  const check = checked.get(peer.name) as CheckReport; // every peer was checked above, or the run stopped
  const server = await startServer(peer.name, core, flags);
  try {
    for (const [i, body] of BODIES.entries())
      rows.push(await measure(server, peer, body, check, warmups[i] ?? LOAD.warmupSeconds, LOAD.seconds));
  } finally {
    await server.stop();
  }
}

console.log(
  `\nHTTP, POST billing.capturePayment: ${LOAD.connections} connections, pipelining ${LOAD.pipelining},` +
    ` ${LOAD.seconds} s measured after ${warmups.slice(0, BODIES.length).join(' s / ')} s warm-up;` +
    ` servers ${core === undefined ? 'unpinned' : 'on core 0'}, ${((performance.now() - started) / 1000).toFixed(0)} s in all;` +
    ` load average ${load.toFixed(2)} at the start, ${(loadavg()[0] ?? 0).toFixed(2)} at the end\n`,
);
console.log(formatTable(rows));
const noisy = noisyRows(rows);
const noisyLines = Object.entries(noisy).map(([row, what]) => `noisy: ${row}: ${what}`);
console.log(`\n${[...noisyLines, ...goalLines(rows)].join('\n')}`);
if (PROFILE !== undefined) console.log(`\nprofile written to ${PROFILE_DIR}`);
if (FULL && PROFILE === undefined) {
  mkdirSync(dirname(OUT), { recursive: true });
  const summary = { node: process.version, load: LOAD, pinned: core !== undefined, noisy, rows };
  // Five significant digits; no arrays of numbers (Biome would fold them onto one line).
  const round = (_: string, v: unknown) =>
    typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(5)) : v;
  writeFileSync(OUT, `${JSON.stringify(summary, round, 2)}\n`);
}
