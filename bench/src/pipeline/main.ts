import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type ExecuteRequest, execute } from '@lssm/lib.contracts';
import { CapturePaymentInput, capture, tutorialRegistry } from './tutorial-op.js';

// Pipeline overhead: `execute` on the tutorial's op with in-memory ports, against calling the
// handler directly. Runs on the BUILT packages (dist), as an app would; `npm run bench` builds first.
const MIN_CPU_TIME_MS = Number(process.env.BENCH_MS ?? 2_000);
const OUT = resolve(import.meta.dirname, '../../results/pipeline.json');
const body = '{"invoiceId":"inv_1","amount":49.9,"currency":"usd","paymentMethodId":"pm_card_visa"}';
const context = { actor: 'user', userId: 'alice', tenantId: 't1' };

const variants = {
  default: tutorialRegistry(),
  'no tracer, no hooks': tutorialRegistry({ tracer: false }),
};

function request(): ExecuteRequest {
  return { name: 'billing.capturePayment', input: JSON.parse(body), transport: 'internal', context };
}

// Sanity: the pipeline really runs the op and really enforces the policy before timing anything.
for (const registry of Object.values(variants)) {
  const ok = await execute(registry, request());
  const denied = await execute(registry, { ...request(), context: { actor: 'user', userId: 'bob' } });
  if (!ok.ok || denied.ok || denied.error.code !== 'FORBIDDEN')
    throw new Error('pipeline sanity check failed');
}

/**
 * Mean time per call of `fn`, awaited one after another (a server's sequential cost), as the
 * median of 5 rounds after a warm-up. A plain loop: mitata's async harness adds its own promise
 * per iteration, which is large next to a few-microsecond call.
 */
async function time(fn: () => Promise<unknown>): Promise<number> {
  const rounds: number[] = [];
  for (let i = 0; i < 20_000; i++) await fn();
  for (let round = 0; round < 5; round++) {
    const started = performance.now();
    let calls = 0;
    while (performance.now() - started < MIN_CPU_TIME_MS / 5) {
      for (let i = 0; i < 1_000; i++) await fn();
      calls += 1_000;
    }
    rounds.push(((performance.now() - started) * 1e6) / calls);
  }
  return rounds.sort((a, b) => a - b)[2] as number;
}

// Direct: parse + validate + call, the least an app does without the framework.
const direct = await time(async () => {
  const valid = CapturePaymentInput.validate(JSON.parse(body));
  if (!valid.ok) throw new Error('invalid');
  return capture(valid.value);
});
const rows: { name: string; ns: number; overheadUs: number }[] = [
  { name: 'direct (parse, validate, call)', ns: direct, overheadUs: 0 },
];
for (const [name, registry] of Object.entries(variants)) {
  const ns = await time(() => execute(registry, request()));
  rows.push({ name: `execute, ${name}`, ns, overheadUs: (ns - direct) / 1000 });
}

console.log('\nPipeline overhead on the tutorial op (in-memory ports; mean per call, median of 5 rounds)\n');
for (const r of rows) {
  console.log(
    `${r.name.padEnd(36)} ${(r.ns / 1000).toFixed(2).padStart(7)} us   overhead ${r.overheadUs.toFixed(2)} us`,
  );
}
const best = Math.min(...rows.slice(1).map((r) => r.overheadUs));
console.log(
  `\ngoal ${best < 2 ? 'MET' : 'NOT MET'}: execute overhead under 2 us per call (best variant: ${best.toFixed(2)} us)`,
);
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(
  OUT,
  `${JSON.stringify({ node: process.version, minCpuTimeMs: MIN_CPU_TIME_MS, rows }, null, 2)}\n`,
);
