// Growth: build time, memory, first request and requests/s with 10, 100 and 1,000 registered ops.
// Each size runs in a fresh child process (so JIT warmth and heap do not carry over), rounds rotate
// the order, and the median of the rounds is reported.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { median, textTable, writePartResult } from '../results.js';
import type { GrowthSample } from './child.js';

const SIZES = [10, 100, 1000] as const;
const ROUNDS = Number(process.env.BENCH_GROWTH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_GROWTH_SECONDS ?? 1.5);
const DEADLINE_MS = 55_000;
const CHILD = resolve(import.meta.dirname, 'child.ts');
const run = promisify(execFile);

async function sample(ops: number): Promise<GrowthSample> {
  const { stdout } = await run(
    process.execPath,
    ['--expose-gc', '--conditions=@lssm/source', '--import', 'tsx', CHILD, String(ops)],
    { env: { ...process.env, BENCH_GROWTH_SECONDS: String(SECONDS) }, timeout: 30_000 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as GrowthSample;
}

const started = performance.now();
const samples = new Map<number, GrowthSample[]>(SIZES.map((n) => [n, []]));
for (let r = 0; r < ROUNDS && performance.now() - started < DEADLINE_MS; r++) {
  for (let i = 0; i < SIZES.length; i++) {
    const ops = SIZES[(i + r) % SIZES.length] as number;
    samples.get(ops)?.push(await sample(ops));
  }
}

const of = (ops: number, pick: (s: GrowthSample) => number) => median((samples.get(ops) ?? []).map(pick));
const rounded = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
const rows = SIZES.map((ops) => ({
  ops,
  buildMs: rounded(
    of(ops, (s) => s.buildMs),
    1,
  ),
  buildUsPerOp: Math.round((of(ops, (s) => s.buildMs) * 1000) / ops),
  firstRequestMs: rounded(
    of(ops, (s) => s.firstRequestMs),
    2,
  ),
  requestsPerSecond: Math.round(of(ops, (s) => s.requestsPerSecond)),
  requestsPerCpuSecond: Math.round(of(ops, (s) => s.requestsPerCpuSecond)),
  heapKbPerOp: rounded(of(ops, (s) => s.heapBytesPerOp) / 1024, 1),
  rounds: samples.get(ops)?.length ?? 0,
}));
const small = rows[0];
const large = rows[rows.length - 1];
if (small === undefined || large === undefined) throw new Error('no sizes measured');
// Marginal memory: what the 990 extra ops cost, without the fixed start-up share of the small app.
const marginalKb = (large.heapKbPerOp * large.ops - small.heapKbPerOp * small.ops) / (large.ops - small.ops);
const flatCpu = large.requestsPerCpuSecond / small.requestsPerCpuSecond;
const flatWall = large.requestsPerSecond / small.requestsPerSecond;

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
console.log(`\ngrowth: median of ${ROUNDS} round(s), ${SECONDS} s per size, in-process handleRest\n`);
console.log(
  textTable(
    ['ops', 'build ms', 'build us/op', 'first req ms', 'req/s', 'req/cpu-s', 'heap KB/op'],
    rows.map((r) => [
      fmt(r.ops),
      fmt(r.buildMs, 1),
      fmt(r.buildUsPerOp, 0),
      fmt(r.firstRequestMs, 2),
      fmt(r.requestsPerSecond),
      fmt(r.requestsPerCpuSecond),
      fmt(r.heapKbPerOp, 1),
    ]),
  ),
);
const goals = [
  {
    goal: 'routing flat from 10 to 1,000 ops: req/s(1000) / req/s(10) >= 0.9 (by CPU time per request)',
    value: `${flatCpu.toFixed(2)}x (wall clock: ${flatWall.toFixed(2)}x)`,
    met: flatCpu >= 0.9,
  },
];
console.log(`\nmemory per registered op (marginal, 10 -> 1,000): ${marginalKb.toFixed(1)} KB`);
for (const g of goals) console.log(`goal ${g.met ? 'MET' : 'NOT MET'}: ${g.goal}: ${g.value}`);
const path = writePartResult({
  part: 'growth',
  title: 'Growth with the number of registered operations',
  date: new Date().toISOString(),
  rows,
  goals,
  notes: [
    `Each size runs in its own process (TypeScript source through tsx); median of ${ROUNDS} rounds.`,
    'Ops are generated: half commands, half queries, each with its own 5-field input and 4-field output model, policy auth user; ten name prefixes (domain0..domain9).',
    'Requests are synthetic RestRequests passed to handleRest (no socket), awaited one after another, all to the command in the middle: the numbers are routing, validation and the pipeline, not the kernel.',
    'req/cpu-s divides by the process CPU time and is the figure to compare on a shared machine; req/s is wall clock.',
    'build = creating the models and specs and installOp into a new SpecRegistry; first req = the first call, with whatever is compiled lazily.',
    `heap KB/op = heapUsed after build and one call (after gc) minus before, divided by the ops; marginal cost per op from 10 to 1,000: ${marginalKb.toFixed(1)} KB (validators of ops never called are not compiled).`,
  ],
});
console.log(`wrote ${path} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
