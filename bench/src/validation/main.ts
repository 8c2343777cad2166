import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import type { Contender } from './contender.js';
import { ajvAllErrors, ajvFirstError } from './contenders/ajv.js';
import { arktype } from './contenders/arktype.js';
import { handWritten } from './contenders/hand-written.js';
import { ours } from './contenders/ours.js';
import { typebox } from './contenders/typebox.js';
import { valibot } from './contenders/valibot.js';
import { zod } from './contenders/zod.js';
import { INVALID_JSON, VALID_JSON } from './fixtures.js';
import { formatTable, goals, type Row, ratio, rowOf } from './report.js';
import { checkContender } from './sanity.js';
import { type Timing, time } from './timing.js';

const CONTENDERS: readonly Contender[] = [
  handWritten,
  ours,
  ajvFirstError,
  ajvAllErrors,
  typebox,
  zod,
  valibot,
  arktype,
];
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const MIN_CPU_TIME_MS = Number(process.env.BENCH_MS ?? 400);
const DEADLINE_MS = 50_000;
const OUT = resolve(import.meta.dirname, '../../results/validation.json');

const valid: unknown = JSON.parse(VALID_JSON);
const invalid: unknown = JSON.parse(INVALID_JSON);
const issues = new Map(CONTENDERS.map((c) => [c, checkContender(c, valid, invalid)] as const));
console.log(`sanity checks passed for ${CONTENDERS.length} validators; timing ${ROUNDS} round(s)...`);
const loadBefore = loadavg()[0] ?? 0;
if (loadBefore > 0.5)
  console.log(`warning: load average ${loadBefore.toFixed(2)}; other processes compete, expect noise`);

const best = new Map<string, Timing>();
const started = performance.now();
for (let round = 0; round < ROUNDS && performance.now() - started < DEADLINE_MS; round++) {
  // Rotate the order each round so no validator always runs first (cold) or last.
  const order = CONTENDERS.map((_, i) => CONTENDERS[(i + round) % CONTENDERS.length] as Contender);
  for (const c of order) {
    for (const [label, input] of [
      ['valid', valid],
      ['invalid', invalid],
    ] as const) {
      const t = await time(c.validate, input, MIN_CPU_TIME_MS);
      const key = `${c.name}/${label}`;
      const prev = best.get(key);
      if (prev === undefined || t.avgNs < prev.avgNs) best.set(key, t);
    }
  }
}

const get = (key: string): Timing => best.get(key) ?? { avgNs: Number.NaN, p50Ns: Number.NaN };
const rows: Row[] = CONTENDERS.map((c) =>
  rowOf(c, issues.get(c) ?? 0, get(`${c.name}/valid`), get(`${c.name}/invalid`)),
);
const verdicts = goals(rows);
console.log(`\nns per call (mean, best of ${ROUNDS} rounds; lower is better)\n`);
console.log(formatTable(rows));
console.log('');
for (const g of verdicts) console.log(`goal ${g.met ? 'MET' : 'NOT MET'}: ${g.name} (${g.detail})`);

const hand = rows[0] as Row;
const oursRow = rows[1] as Row;
const summary = {
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
  coresAvailable: availableParallelism(),
  loadAverage: Math.round(loadBefore * 100) / 100,
  rounds: ROUNDS,
  minCpuTimeMs: MIN_CPU_TIME_MS,
  results: rows.map((r) => ({
    name: r.name,
    validNs: Math.round(r.valid.avgNs * 10) / 10,
    invalidNs: Math.round(r.invalid.avgNs * 10) / 10,
    invalidIssues: r.invalidIssues,
    freshObject: r.freshObject,
    validVsHandWritten: ratio(r.valid.avgNs, hand.valid.avgNs),
    invalidVsHandWritten: ratio(r.invalid.avgNs, hand.invalid.avgNs),
    validVsOurs: ratio(r.valid.avgNs, oursRow.valid.avgNs),
    invalidVsOurs: ratio(r.invalid.avgNs, oursRow.invalid.avgNs),
  })),
  goals: verdicts,
};
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, `${JSON.stringify(summary, null, 2)}\n`);
console.log(`\nwrote ${OUT} in ${((performance.now() - started) / 1000).toFixed(1)} s of timing`);
