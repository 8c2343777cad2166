// Type-check cost of a generated app with 200 operations, written with ours, oRPC and tRPC: tsc
// --extendedDiagnostics, 3 runs each (rotating order), medians. When ours is not the fastest, a
// --generateTrace run shows where its check time goes.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median, textTable, writePartResult } from '../results.js';
import { removeApps, VARIANTS, writeApps } from './apps.js';
import { summarizeTrace, type TraceSummary } from './trace-top.js';
import { type TscRun, typecheck } from './tsc.js';

const OPS = Number(process.env.BENCH_TYPECHECK_OPS ?? 200);
const RUNS = Number(process.env.BENCH_TYPECHECK_RUNS ?? 3);
// No new round after 100 s and no trace after 130 s, so a run stays near 3 minutes on a busy machine.
const ROUNDS_UNTIL_MS = 100_000;
const TRACE_UNTIL_MS = 130_000;
const started = performance.now();
const elapsed = () => performance.now() - started;

// "ours-dist" reads the built declarations: without a build (npm run build) it is left out.
const BUILT = resolve(import.meta.dirname, '../../../packages/contracts/dist/client/index.d.ts');
const APPS = existsSync(BUILT) ? VARIANTS : VARIANTS.filter((v) => v.name !== 'ours-dist');
if (APPS.length < VARIANTS.length) console.log('packages not built: ours-dist left out (run npm run build)');
const dirs = writeApps(OPS, APPS);
console.log(`wrote ${APPS.length} apps with ${OPS} operations each; ${RUNS} tsc run(s) per app...`);
const runs = new Map<string, TscRun[]>(APPS.map((v) => [v.name, []]));
for (let round = 0; round < RUNS && elapsed() < ROUNDS_UNTIL_MS; round++) {
  for (let i = 0; i < APPS.length; i++) {
    const name = APPS[(i + round) % APPS.length]?.name ?? '';
    runs.get(name)?.push(await typecheck(dirs.get(name) ?? ''));
  }
}

const rows = APPS.map((v) => {
  const all = runs.get(v.name) ?? [];
  const of = (pick: (r: TscRun) => number) => median(all.map(pick));
  return {
    name: v.name,
    what: v.what,
    cpuSeconds: of((r) => r.cpuSeconds),
    checkSeconds: of((r) => r.checkSeconds),
    totalSeconds: of((r) => r.totalSeconds),
    memoryMb: Math.round(of((r) => r.memoryKb) / 1024),
    types: of((r) => r.types),
    instantiations: of((r) => r.instantiations),
    files: of((r) => r.files),
    runs: all.length,
  };
});
type Row = (typeof rows)[number];
const row = (name: string): Row => {
  const found = rows.find((r) => r.name === name);
  if (found === undefined) throw new Error(`no row ${name}`);
  return found;
};

const n = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
console.log(`\ntsc --noEmit on ${OPS} operations (median of ${RUNS} runs; lower is better)\n`);
console.log(
  textTable(
    ['app', 'cpu s', 'check s', 'total s', 'memory MB', 'types', 'instantiations', 'files', 'what'],
    rows.map((r) => [
      r.name,
      n(r.cpuSeconds, 2),
      n(r.checkSeconds, 2),
      n(r.totalSeconds, 2),
      n(r.memoryMb),
      n(r.types),
      n(r.instantiations),
      n(r.files),
      r.what,
    ]),
  ),
);

const peers = [row('orpc'), row('trpc')];
const goals = ['ours', 'ours-dist']
  .filter((name) => runs.has(name))
  .map((name) => {
    const ours = row(name);
    const ratios = (pick: (r: Row) => number) =>
      peers.map((p) => `${p.name} ${(pick(ours) / pick(p)).toFixed(2)}x`).join(', ');
    return {
      goal: `type-check of ${OPS} ops faster than both oRPC and tRPC (${name}, tsc CPU time)`,
      value: `cpu ${ratios((r) => r.cpuSeconds)}; wall total ${ratios((r) => r.totalSeconds)}; check ${ratios((r) => r.checkSeconds)}; instantiations ${ratios((r) => r.instantiations)}`,
      met: peers.every((p) => ours.cpuSeconds < p.cpuSeconds),
    };
  });
console.log('');
for (const g of goals) console.log(`goal ${g.met ? 'MET' : 'NOT MET'}: ${g.goal}: ${g.value}`);

// Where the time goes: traced when ours lost (or on request), while the time budget allows.
const traces: Record<string, TraceSummary> = {};
const toTrace = [
  ...goals.filter((g) => !g.met).map((g) => (g.goal.includes('ours-dist') ? 'ours-dist' : 'ours')),
  ...(process.env.BENCH_TYPECHECK_TRACE === '1' ? ['ours', 'ours-dist', 'trpc', 'orpc'] : []),
];
for (const name of [...new Set(toTrace)]) {
  if (elapsed() > TRACE_UNTIL_MS) {
    console.log(
      `\n(no trace of ${name}: out of time; run with BENCH_TYPECHECK_RUNS=1 BENCH_TYPECHECK_TRACE=1)`,
    );
    break;
  }
  const traceDir = mkdtempSync(join(tmpdir(), `lssm-tsc-trace-${name}-`));
  try {
    await typecheck(dirs.get(name) ?? '', ['--generateTrace', traceDir]);
    const summary = summarizeTrace(traceDir);
    traces[name] = summary;
    console.log(`\n${name}: check time by place (traced run, slower than untraced)`);
    for (const p of summary.byPlace) console.log(`  ${p.place.padEnd(40)} ${n(p.ms).padStart(7)} ms`);
    console.log('  slowest single checks:');
    for (const s of summary.slowest) console.log(`  ${String(s.ms).padStart(5)} ms  ${s.file}  ${s.text}`);
  } finally {
    rmSync(traceDir, { recursive: true, force: true });
  }
}

if (process.env.BENCH_TYPECHECK_KEEP !== '1') removeApps();
const path = writePartResult({
  part: 'typecheck',
  title: `Type-check cost of ${OPS} operations`,
  date: new Date().toISOString(),
  rows,
  goals,
  notes: [
    `Each app has ${OPS} operations (half commands, half queries), each in its own file with a 4-6 field input and a 4-5 field output model (field names unique per op, so no two ops share a type), a handler using the typed input, and one typed client call per op reading three output fields.`,
    'ours: SchemaModel + defineCommand/defineQuery + installOp, createClient from @lssm/lib.contracts/client; oRPC 1: os.input(zod).output(zod).handler, RouterClient via createORPCClient; tRPC 11: t.procedure.input(zod).output(zod).query/mutation, routers per group, typed calls through createCallerFactory (@trpc/client is not installed).',
    '"ours" resolves @lssm/* to the packages\' TypeScript source (customConditions @lssm/source), so tsc also checks the library\'s implementation; "ours-dist" uses the built .d.ts, as an npm user (and every peer) does.',
    "tsc 5.9 with strict, skipLibCheck, NodeNext, types node. cpu s = CPU time of the tsc process (the goal's measure: the wall-clock check and total times of --extendedDiagnostics stretch when other work shares the cores); types and instantiations do not depend on load.",
    ...Object.entries(traces).map(
      ([name, t]) =>
        `${name} traced: ${t.byPlace.map((p) => `${p.place} ${p.ms} ms`).join(', ')}; slowest: ${t.slowest
          .slice(0, 3)
          .map((s) => `${s.ms} ms ${s.file} "${s.text}"`)
          .join('; ')}`,
    ),
  ],
});
console.log(`\nwrote ${path} in ${(elapsed() / 1000).toFixed(0)} s`);
