import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { judge } from './gate-verdicts.js';
import { PEERS, type Peer } from './peers.js';
import type { Body, Row } from './row.js';
import { roundOrder, serverSession } from './session.js';
import { type ServerSummary, summarize } from './summary.js';

// The regression gate (npm run bench:gate): our three node handlers and bare node:http, a few
// rounds, judged on the two figures that hold still on a noisy machine: V8 bytes allocated per
// request and server CPU time per request, each as a ratio to bare's within the round. It fails
// when a ratio grows past the committed baseline (results/http.json, written by npm run bench) by
// more than its tolerance, or allocation passes the goal of 1.5x bare. Requests/s is shown, not judged.

const SERVERS = ['bare', 'ours', 'ours-graphql', 'ours-mcp'];
const BODIES: readonly Body[] = ['valid', 'invalid'];
const ROUNDS = Math.max(1, Number(process.env.BENCH_GATE_ROUNDS ?? 2));
const BASELINE = resolve(import.meta.dirname, '../../results/http.json');

function baselineSummary(): ServerSummary[] {
  if (!existsSync(BASELINE)) return [];
  return (JSON.parse(readFileSync(BASELINE, 'utf8')) as { summary?: ServerSummary[] }).summary ?? [];
}

async function main(): Promise<void> {
  const core = spawnSync('taskset', ['-c', '0', 'true']).status === 0 ? '0' : undefined;
  const peers: Peer[] = PEERS.filter((p) => SERVERS.includes(p.name));
  const rows: Row[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    for (const peer of roundOrder(peers, round))
      rows.push(...(await serverSession(peer, { core, nodeFlags: [], bodies: BODIES, round })));
  }
  const baseline = baselineSummary();
  if (baseline.length === 0) console.log(`no baseline at ${BASELINE}: judged on the allocation goal alone`);
  const verdicts = judge(summarize(rows, peers), baseline);
  const x = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '-' : `${n.toFixed(2)}x`);
  for (const v of verdicts)
    console.log(
      `${v.passed ? 'ok  ' : 'FAIL'} ${v.what.padEnd(32)} now ${x(v.now)}  baseline ${x(v.baseline)}  limit ${x(v.limit)}`,
    );
  const failed = verdicts.filter((v) => !v.passed);
  console.log(
    failed.length === 0
      ? `\ngate passed (${ROUNDS} round(s))`
      : `\ngate FAILED: ${failed.length} figure(s) past their limit`,
  );
  if (failed.length > 0) process.exitCode = 1;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)) await main();
