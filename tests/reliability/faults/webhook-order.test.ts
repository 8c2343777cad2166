// Stripe's webhooks duplicated, reordered and late, end to end: the emulator signs and sends them,
// the test holds them and hands them to the app's webhook route (real Requests, real signatures)
// twice, out of order, late, or before the capture itself has recorded its answer. Each event has
// one effect (one `billing.invoicePaid` per invoice) and an invoice never moves backwards.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFigure } from '../support/figures.js';
import { type FaultsApp, startFaultsApp } from './app.js';
import { capture, createInvoice, runRecovery, stepAfterCharge, traceCapture } from './calls.js';
import { paidOnce, paymentFacts } from './checks.js';
import { postgresUp } from './postgres.js';
import { faults } from './seams.js';
import type { WebhookInbox } from './webhook-inbox.js';

let app: FaultsApp;
let inbox: WebhookInbox;

beforeAll(async () => {
  app = await startFaultsApp({ postgres: await postgresUp(), webhooks: true });
  if (app.inbox === undefined) throw new Error('started without webhooks');
  inbox = app.inbox;
  inbox.holding = true;
}, 60_000);

afterAll(async () => {
  await app?.close();
});

const statusOf = async (invoiceId: string) => (await paymentFacts(app, invoiceId)).status;

/** A 3-D Secure payment finished at Stripe; answers the intent id once its events are held. */
async function authenticated(invoiceId: string, succeed: boolean): Promise<string> {
  const answer = await capture(invoiceId, randomUUID(), 'pm_card_authenticationRequired');
  const intentId = String(answer.body.transactionId);
  await app.emulator.completeAuthentication(intentId, succeed);
  await app.emulator.webhooksSettled();
  return intentId;
}

describe('webhooks duplicated, reordered and late', () => {
  it('one succeeded event delivered 6 times (3 at once): paid once, one event', async () => {
    const invoiceId = await createInvoice();
    const intentId = await authenticated(invoiceId, true);
    const waiting = await statusOf(invoiceId);
    const event = inbox.find(intentId, 'payment_intent.succeeded');
    const together = await Promise.all([inbox.deliver(event), inbox.deliver(event), inbox.deliver(event)]);
    const after: number[] = [];
    for (let i = 0; i < 3; i++) after.push((await inbox.deliver(event)).status);
    const facts = await paymentFacts(app, invoiceId);
    const concurrent = together.map((a) => a.status).sort();
    // Together: one handles it, the others hear 409 (in progress: Stripe tries again later); after: 200.
    const pass =
      waiting === 'paying' &&
      paidOnce(facts) &&
      concurrent.every((s) => s === 200 || s === 409) &&
      concurrent.includes(200) &&
      after.every((s) => s === 200);
    recordFigure({
      section: 'faults',
      scenario: 'webhook duplicated',
      runs: 6,
      figure: `one event delivered 3 times at once (answered ${concurrent.join(', ')}) and 3 times after (${after.join(', ')}): invoice ${facts.status}, ${facts.paidEvents} paid event(s), ${facts.succeededCharges} charge(s)`,
      pass,
    });
    expect({ waiting, paid: paidOnce(facts), after }).toEqual({
      waiting: 'paying',
      paid: true,
      after: [200, 200, 200],
    });
    expect(concurrent.every((s) => s === 200 || s === 409) && concurrent.includes(200)).toBe(true);
  }, 60_000);

  it("a failed attempt's event arriving after the next attempt succeeded: the invoice stays paid", async () => {
    const invoiceId = await createInvoice();
    const failedIntent = await authenticated(invoiceId, false);
    await runRecovery(); // Finds attempt 1 declined: the invoice is open again (its webhook is still held).
    const reopened = await statusOf(invoiceId);
    const paid = await capture(invoiceId, randomUUID());
    await app.emulator.webhooksSettled();
    const succeeded = inbox.find(String(paid.body.transactionId), 'payment_intent.succeeded');
    const failed = inbox.find(failedIntent, 'payment_intent.payment_failed');
    const seen: string[] = [];
    for (const delivery of [succeeded, failed, failed, succeeded]) {
      const answer = await inbox.deliver(delivery);
      seen.push(
        `${delivery.type.replace('payment_intent.', '')} ${answer.status} -> ${await statusOf(invoiceId)}`,
      );
    }
    const facts = await paymentFacts(app, invoiceId);
    const pass =
      reopened === 'open' && paid.status === 200 && paidOnce(facts) && seen.every((s) => s.endsWith('paid'));
    recordFigure({
      section: 'faults',
      scenario: 'webhooks reordered and late',
      runs: seen.length,
      figure: `attempt 1 declined (invoice ${reopened}), attempt 2 paid; then ${seen.join(', ')}; ${facts.paidEvents} paid event(s)`,
      pass,
    });
    expect({ reopened, seen, paid: paidOnce(facts) }).toEqual({
      reopened: 'open',
      seen: [
        'succeeded 200 -> paid',
        'payment_failed 200 -> paid',
        'payment_failed 200 -> paid',
        'succeeded 200 -> paid',
      ],
      paid: true,
    });
  }, 60_000);

  it('the succeeded event arriving before the capture records its own answer: one effect, the capture still answers 200', async () => {
    const charged = stepAfterCharge(await traceCapture());
    const invoiceId = await createInvoice();
    let early = { status: 0, text: '' };
    // Between Stripe's answer and phase 3: Stripe's webhook is handled first.
    faults.arm(charged, async () => {
      await app.emulator.webhooksSettled();
      const intent = app.emulator.paymentIntents().find((i) => i.metadata.invoiceId === invoiceId);
      early = await inbox.deliver(inbox.find(String(intent?.id), 'payment_intent.succeeded'));
    });
    const answer = await capture(invoiceId, randomUUID());
    faults.disarm();
    const facts = await paymentFacts(app, invoiceId);
    const pass = early.status === 200 && answer.status === 200 && paidOnce(facts);
    recordFigure({
      section: 'faults',
      scenario: 'webhook before the capture recorded its answer',
      runs: 1,
      figure: `webhook ${early.status}, then capture ${answer.status} ${String(answer.body.status)}; invoice ${facts.status}, ${facts.paidEvents} paid event(s)`,
      pass,
    });
    expect({ early: early.status, capture: answer.status, paid: paidOnce(facts) }).toEqual({
      early: 200,
      capture: 200,
      paid: true,
    });
  }, 60_000);
});
