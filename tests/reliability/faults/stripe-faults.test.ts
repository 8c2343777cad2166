// Stripe's own faults, from the emulator, end to end through the app's REST route: an answer lost
// after the payment was made (outcome unknown: never marked failed, resolved later by the client's
// retry or the recovery job), 409 while the same key is in flight, a 500 then a 200, a 500 with
// `Stripe-Should-Retry: false`, declines, and 3-D Secure finished (or failed) with no webhook.
// Every invoice must end paid exactly once or open for another card, never stuck in paying.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFigure } from '../support/figures.js';
import { type FaultsApp, startFaultsApp } from './app.js';
import { type Answer, capture, createInvoice, retryCapture, runRecovery } from './calls.js';
import { type PaymentFacts, paidOnce, paymentFacts } from './checks.js';
import { postgresUp } from './postgres.js';

let app: FaultsApp;

beforeAll(async () => {
  // As in the app: the SDK's three tries of a request end before the handler's timeout, so a Stripe
  // that never answers ends as "outcome unknown" in the handler itself.
  app = await startFaultsApp({ postgres: await postgresUp(), timeouts: { handlerMs: 4_000, stripeMs: 400 } });
}, 60_000);

afterAll(async () => {
  await app?.close();
});

const INTENTS = { path: '/v1/payment_intents', method: 'POST' } as const;

/** The statuses the emulator answered to the first attempt's PaymentIntent requests, in order. */
function stripeAnswers(invoiceId: string): (number | null)[] {
  const key = `billing:${invoiceId}:attempt:1`;
  return app.emulator
    .requests()
    .filter((r) => r.path === '/v1/payment_intents' && r.idempotencyKey === key)
    .map((r) => r.status);
}

function record(scenario: string, runs: number, figure: string, pass: boolean): void {
  recordFigure({ section: 'faults', scenario, runs, figure, pass });
}

const show = (answer: Answer) => `${answer.status}${answer.body.error ? ` ${answer.body.error.code}` : ''}`;
const described = (facts: PaymentFacts) =>
  `invoice ${facts.status}, ${facts.succeededCharges} charge(s), ${facts.unfinishedAttempts} unfinished, ` +
  `${facts.createRequests} Stripe requests${facts.sameKeyPerAttempt ? ' all with the attempt key' : ' WITH ANOTHER KEY'}`;

describe('Stripe answers nothing after making the payment (timeout after processing)', () => {
  it.each(['the client retry with the same key', 'the recovery job'] as const)(
    'answers 503, keeps the outcome unknown (never failed), and %s pays it once',
    async (resolver) => {
      const invoiceId = await createInvoice();
      const key = randomUUID();
      // The SDK's first try and its two retries all time out; Stripe made the payment at the first.
      const fault = app.emulator.faults.inject({ ...INTENTS, afterProcessing: 'hang', times: 3 });
      const first = await capture(invoiceId, key);
      fault.cancel();
      const meanwhile = await paymentFacts(app, invoiceId);
      let resolved: Answer | undefined;
      if (resolver === 'the recovery job') await runRecovery();
      else resolved = await retryCapture(invoiceId, key);
      const facts = await paymentFacts(app, invoiceId);
      const pass =
        first.status === 503 &&
        first.body.error?.code === 'UNAVAILABLE' &&
        meanwhile.status === 'paying' &&
        meanwhile.unfinishedAttempts === 1 &&
        (resolved === undefined || resolved.status === 200) &&
        paidOnce(facts);
      record(
        `Stripe timeout after processing, resolved by ${resolver}`,
        1,
        `first ${show(first)}, meanwhile invoice ${meanwhile.status}; then ${described(facts)}`,
        pass,
      );
      expect({ first: show(first), meanwhile: meanwhile.status, paid: paidOnce(facts) }).toEqual({
        first: '503 UNAVAILABLE',
        meanwhile: 'paying',
        paid: true,
      });
    },
    60_000,
  );
});

describe('Stripe busy or failing', () => {
  it('409 while the key is in flight: the SDK retries with the same key and the invoice is paid once', async () => {
    const invoiceId = await createInvoice();
    const key = randomUUID();
    // Held longer than the SDK's timeout: its retry finds the key in use (409), the next one the answer.
    app.emulator.faults.inject({ ...INTENTS, delayMs: 1_000 });
    const first = await capture(invoiceId, key);
    await retryCapture(invoiceId, key);
    await runRecovery();
    const facts = await paymentFacts(app, invoiceId);
    const answers = stripeAnswers(invoiceId);
    record(
      'Stripe 409 (same key in flight)',
      1,
      `first ${show(first)}; Stripe answered ${answers.join(', ')}; ${described(facts)}`,
      answers.includes(409) && paidOnce(facts),
    );
    expect(answers).toContain(409);
    expect(paidOnce(facts)).toBe(true);
  }, 60_000);

  it('500 then 200: the SDK retries with the same key, the capture answers 200, one charge', async () => {
    const invoiceId = await createInvoice();
    app.emulator.faults.inject({ ...INTENTS, status: 500, shouldRetry: true });
    const first = await capture(invoiceId, randomUUID());
    const facts = await paymentFacts(app, invoiceId);
    const answers = stripeAnswers(invoiceId);
    record(
      'Stripe 500 then 200',
      1,
      `Stripe answered ${answers.join(', ')}; capture ${show(first)}; ${described(facts)}`,
      first.status === 200 && paidOnce(facts),
    );
    expect(answers).toEqual([500, 200]);
    expect(first.status).toBe(200);
    expect(paidOnce(facts)).toBe(true);
  }, 60_000);

  it('500 with Stripe-Should-Retry: false: 503, then never stuck in paying: recovery reopens it, another try pays once', async () => {
    const invoiceId = await createInvoice();
    const key = randomUUID();
    app.emulator.faults.inject({ ...INTENTS, status: 500, shouldRetry: false });
    const first = await capture(invoiceId, key);
    const again = await retryCapture(invoiceId, key);
    await runRecovery();
    const afterRecovery = await paymentFacts(app, invoiceId);
    const paid = await capture(invoiceId, randomUUID());
    const facts = await paymentFacts(app, invoiceId);
    record(
      'Stripe 500 with Stripe-Should-Retry: false',
      1,
      `first ${show(first)}, same-key retry ${show(again)}, after recovery invoice ${afterRecovery.status}; new try ${show(paid)}; ${described(facts)}`,
      first.status === 503 && afterRecovery.status === 'open' && paid.status === 200 && paidOnce(facts),
    );
    expect({ first: show(first), afterRecovery: afterRecovery.status, paid: show(paid) }).toEqual({
      first: '503 UNAVAILABLE',
      afterRecovery: 'open',
      paid: '200',
    });
    expect(paidOnce(facts)).toBe(true);
  }, 60_000);
});

describe('declines and 3-D Secure (no webhook arrives)', () => {
  it('a decline answers 402 and leaves the invoice open; another card pays it once', async () => {
    const invoiceId = await createInvoice();
    const declined = await capture(invoiceId, randomUUID(), 'pm_card_chargeDeclined');
    const open = (await paymentFacts(app, invoiceId)).status;
    const paid = await capture(invoiceId, randomUUID());
    const facts = await paymentFacts(app, invoiceId);
    const pass =
      declined.status === 402 &&
      declined.body.error?.code === 'CARD_DECLINED' &&
      open === 'open' &&
      paid.status === 200 &&
      paidOnce(facts);
    record(
      'card declined, then another card',
      1,
      `decline ${show(declined)}, invoice ${open}; then ${show(paid)}; ${described(facts)}`,
      pass,
    );
    expect({ declined: show(declined), open, paid: paidOnce(facts) }).toEqual({
      declined: '402 CARD_DECLINED',
      open: 'open',
      paid: true,
    });
  }, 60_000);

  it.each([true, false])(
    '3-D Secure completed=%s, webhook lost: the recovery job settles it (paid once, or open)',
    async (succeed) => {
      const invoiceId = await createInvoice();
      const first = await capture(invoiceId, randomUUID(), 'pm_card_authenticationRequired');
      const waiting = (await paymentFacts(app, invoiceId)).status;
      await app.emulator.completeAuthentication(String(first.body.transactionId), succeed);
      await runRecovery();
      const facts = await paymentFacts(app, invoiceId);
      const settled = succeed
        ? paidOnce(facts)
        : facts.status === 'open' && facts.succeededCharges === 0 && facts.unfinishedAttempts === 0;
      record(
        `3-D Secure ${succeed ? 'completed' : 'failed'}, webhook lost`,
        1,
        `capture ${show(first)} ${String(first.body.status)}, invoice ${waiting}; after recovery ${described(facts)}`,
        first.status === 200 && waiting === 'paying' && settled,
      );
      expect({ status: first.body.status, waiting, settled }).toEqual({
        status: 'requires_action',
        waiting: 'paying',
        settled: true,
      });
    },
    60_000,
  );
});
