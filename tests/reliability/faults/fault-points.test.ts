// A fault at every step of a capture, end to end (the app's REST route with real Requests, its
// registry and runtime, the Stripe SDK against the emulator): each step of one clean capture (every
// SQL statement, transaction boundary, Stripe request and Stripe answer) fails in turn by throwing,
// by hanging past its timeout, or by killing the process (a child process on PostgreSQL). Then
// recovery: the client's retry with the same Idempotency-Key, and the recovery job. Every invoice
// must end paid exactly once, with nothing unfinished, one `billing.invoicePaid` event, and the same
// Stripe idempotency key on every request of one attempt.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFigure, SOAK } from '../support/figures.js';
import { type FaultsApp, startFaultsApp } from './app.js';
import { type Answer, capture, createInvoice, retryCapture, runRecovery, traceCapture } from './calls.js';
import { type PaymentFacts, paidOnce, paymentFacts } from './checks.js';
import { crashCapture } from './crash-capture.js';
import { postgresUp } from './postgres.js';
import { type FaultKind, faults } from './seams.js';

const pgIsUp = await postgresUp();
let app: FaultsApp;
/** The steps of one clean capture, in order. */
let steps: readonly string[] = [];

beforeAll(async () => {
  app = await startFaultsApp({ postgres: pgIsUp });
  steps = await traceCapture();
  console.log(`[faults] the ${steps.length} steps of a capture:\n  ${steps.join('\n  ')}`);
}, 60_000);

afterAll(async () => {
  await app?.close();
});

interface Run {
  readonly at: number;
  readonly first: Answer;
  readonly retried: Answer;
  readonly facts: PaymentFacts;
}

/** Recovery after the first call: the client's retry with the same key, then the recovery job. */
async function recover(invoiceId: string, key: string, at: number, first: Answer): Promise<Run> {
  const retried = await retryCapture(invoiceId, key);
  await runRecovery();
  return { at, first, retried, facts: await paymentFacts(app, invoiceId) };
}

function summary(kind: FaultKind, runs: readonly Run[]) {
  const bad = runs.filter((run) => !paidOnce(run.facts));
  const answers = new Map<string, number>();
  for (const run of runs) {
    const code =
      run.first.status === 0
        ? 'no answer (process died)'
        : `${run.first.status}${run.first.body.error ? ` ${run.first.body.error.code}` : ''}`;
    answers.set(code, (answers.get(code) ?? 0) + 1);
  }
  const leaks = runs.filter((run) => /sk_test|injected fault|at Object|\.ts:\d/.test(run.first.text));
  const figure =
    `${runs.length} fault points (${kind}): ${runs.length - bad.length} paid exactly once, ` +
    `${runs.filter((r) => r.facts.unfinishedAttempts > 0 || r.facts.status === 'paying').length} stuck, ` +
    `${runs.filter((r) => r.facts.succeededCharges > 1).length} double charges, ` +
    `${runs.filter((r) => !r.facts.sameKeyPerAttempt).length} attempts with another Stripe key; ` +
    `first answers ${[...answers].map(([code, n]) => `${n}x ${code}`).join(', ')}`;
  const pass = bad.length === 0 && leaks.length === 0;
  recordFigure({
    section: 'faults',
    scenario: `fault at every capture step: ${kind}`,
    runs: runs.length,
    figure,
    pass,
  });
  return {
    bad: bad.map((run) => ({
      step: `${run.at} ${steps[run.at - 1]}`,
      ...run.facts,
      retried: run.retried.text,
    })),
    leaks: leaks.length,
  };
}

describe.each(['throw', 'hang'] as const)('a fault (%s) at every step of a capture', (kind) => {
  it('ends every invoice paid exactly once after the retry and the recovery job', async () => {
    const runs: Run[] = [];
    for (let at = 1; at <= steps.length; at++) {
      const invoiceId = await createInvoice();
      const key = randomUUID();
      faults.arm(at, kind);
      const first = await capture(invoiceId, key);
      faults.disarm();
      runs.push(await recover(invoiceId, key, at, first));
    }
    expect(summary(kind, runs)).toEqual({ bad: [], leaks: 0 });
  }, 120_000);
});

/**
 * 1-based points just before: the claim's transaction, its commit, the first step after it, the
 * request to Stripe, Stripe's answer (processed, not yet read), the record's commit, and the first
 * step after that (committed, not yet answered).
 */
function durableBoundaries(trace: readonly string[]): number[] {
  const named = (step: string, name: string) => step === name || step.startsWith(`${name} `);
  const first = (name: string, from = 0) => trace.findIndex((step, i) => i >= from && named(step, name)) + 1;
  const last = (name: string) => trace.findLastIndex((step) => named(step, name)) + 1;
  const claim = first('tx begin');
  const points = [
    claim,
    first('tx commit', claim),
    first('tx committed', claim),
    first('stripe POST /v1/payment_intents send'),
    first('stripe POST /v1/payment_intents answered'),
    last('tx commit'),
    last('tx committed'),
  ];
  if (points.includes(0)) throw new Error(`a capture step is missing from the trace: ${trace.join(', ')}`);
  return points;
}

describe.skipIf(!pgIsUp)('the process killed at every step of a capture (PostgreSQL)', () => {
  /** One point: a child process dies at step `at`; this process then plays the restarted server. */
  async function crashAndRecover(at: number): Promise<Run> {
    const invoiceId = await createInvoice();
    const key = randomUUID();
    const started = Date.now();
    const crashed = await crashCapture(app, { at, invoiceId, key });
    const crashedMs = Date.now() - started;
    expect(crashed.fault, `step ${at}`).toContain(`exit at ${at}: `);
    const run = await recover(invoiceId, key, at, crashed.answer);
    console.log(
      `[faults] exit at ${at}: child ${crashedMs} ms, recovered in ${Date.now() - started - crashedMs} ms`,
    );
    return run;
  }

  it('ends every invoice paid exactly once after a restart, the retry and the recovery job', async () => {
    // Starting a child (tsx, the app, its runtime) takes seconds: the normal run kills one at the
    // first step of each stretch where what is committed differs; the soak run at every step.
    const points = SOAK ? steps.map((_, i) => i + 1) : durableBoundaries(steps);
    const runs: Run[] = [];
    while (points.length > 0) runs.push(...(await Promise.all(points.splice(0, 2).map(crashAndRecover))));
    expect(summary('exit', runs)).toEqual({ bad: [], leaks: 0 });
  }, 150_000);
});
