// Forged and replayed Stripe webhooks against the app's own route (app/api/webhooks/stripe): an
// invoice waits in `paying` on a 3-D Secure payment that the emulator has since completed, so one
// genuine `payment_intent.succeeded` delivery would mark it paid. Unsigned, wrong-secret, altered,
// stale and future-dated deliveries must answer 401 and change nothing (no invoice or attempt
// change, no audit record, no Stripe request); the genuine one then pays the invoice (proving the
// attacks would have had an effect); replays of it answer `200 duplicate` and change nothing
// (docs/transports/webhooks.md, "What the handler answers").
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFigure } from '../support/figures.js';
import { callOver, ORIGIN, routes } from './drivers.js';
import { startWorld, type World } from './world.js';

let world: World;
let post: (request: Request) => Promise<Response>;
let invoiceId: string;
let body: string;

const now = () => Math.floor(Date.now() / 1000);
const sign = (payload: string, secret = world.emulator.webhookSecret, timestamp = now()) =>
  Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
const deliver = (payload: string, signature: string | undefined) =>
  post(
    new Request(`${ORIGIN}/api/webhooks/stripe`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(signature === undefined ? {} : { 'stripe-signature': signature }),
      },
      body: payload,
    }),
  );

beforeAll(async () => {
  world = await startWorld();
  const handlers = await routes();
  post = handlers.webhook;
  invoiceId = world.invoiceId('aliceOpen');
  const paying = await callOver(
    handlers,
    'rest',
    'capturePayment',
    { invoiceId, paymentMethodId: 'pm_card_threeDSecure2Required' },
    world.authorization.alice,
  );
  const intentId = (paying.output as { transactionId: string }).transactionId;
  await world.emulator.completeAuthentication(intentId);
  const event = world.emulator
    .events()
    .find((e) => e.type === 'payment_intent.succeeded' && (e.data.object as { id?: string }).id === intentId);
  if (event === undefined) throw new Error('the emulator built no payment_intent.succeeded event');
  body = JSON.stringify(event);
}, 60_000);

afterAll(async () => {
  await world?.close();
});

/** Delivers once; answers the status and what changed (state, Stripe requests, audit records). */
async function effectOf(delivery: () => Promise<Response>) {
  const state = await world.state();
  const stripe = world.stripeCalls();
  const audit = await world.auditLength();
  const response = await delivery();
  const answer = (await response.json()) as { outcome?: string; error?: { code?: string } };
  return {
    status: response.status,
    answer,
    stateChanged: (await world.state()) !== state,
    stripeCalls: world.stripeCalls() - stripe,
    auditRecords: (await world.auditLength()) - audit,
  };
}

const ATTACKS: readonly (readonly [string, () => Promise<Response>])[] = [
  ['unsigned', () => deliver(body, undefined)],
  ['signed with the wrong secret', () => deliver(body, sign(body, 'whsec_not_the_endpoint_secret'))],
  ['altered after signing', () => deliver(body.replace('"livemode":false', '"livemode":true'), sign(body))],
  ['signed 10 minutes ago', () => deliver(body, sign(body, undefined, now() - 600))],
  ['dated 10 minutes ahead', () => deliver(body, sign(body, undefined, now() + 600))],
];

describe('nobody let in: webhook attacks', { timeout: 30_000 }, () => {
  it('the invoice is waiting for the genuine event', async () => {
    expect((await world.invoice(invoiceId))?.status).toBe('paying');
    expect(body).toContain('"livemode":false');
  });

  it.each(ATTACKS)('a delivery %s answers 401 and has no effect', async (attack, delivery) => {
    const effect = await effectOf(delivery);
    const pass =
      effect.status === 401 &&
      !effect.stateChanged &&
      effect.stripeCalls === 0 &&
      effect.auditRecords === 0 &&
      effect.answer.error?.code === 'UNAUTHENTICATED';
    recordFigure({
      section: 'nobody-let-in',
      scenario: `webhook ${attack}`,
      runs: 1,
      figure: `HTTP ${effect.status} ${effect.answer.error?.code}, state changed: ${effect.stateChanged}, ${effect.stripeCalls} Stripe calls, ${effect.auditRecords} audit records`,
      pass,
    });
    expect(effect).toMatchObject({ status: 401, stateChanged: false, stripeCalls: 0, auditRecords: 0 });
    expect(effect.answer.error?.code).toBe('UNAUTHENTICATED');
    expect((await world.invoice(invoiceId))?.status).toBe('paying');
  });

  it('the genuine delivery pays the invoice; replays of it answer 200 duplicate and change nothing', async () => {
    const signature = sign(body);
    const genuine = await effectOf(() => deliver(body, signature));
    expect(genuine).toMatchObject({ status: 200, stateChanged: true, answer: { outcome: 'processed' } });
    expect((await world.invoice(invoiceId))?.status).toBe('paid');

    const replays = [
      await effectOf(() => deliver(body, signature)), // the same bytes and the same signature
      await effectOf(() => deliver(body, sign(body))), // the same event, signed again now
    ];
    const effects = replays.filter((r) => r.stateChanged || r.stripeCalls > 0 || r.auditRecords > 0);
    const pass =
      replays.every((r) => r.status === 200 && r.answer.outcome === 'duplicate') && effects.length === 0;
    recordFigure({
      section: 'nobody-let-in',
      scenario: 'webhook replayed (same event id, valid signature)',
      runs: replays.length,
      figure: `${replays.map((r) => `${r.status} ${r.answer.outcome}`).join(', ')}; ${effects.length} with an effect (genuine delivery: ${genuine.status} ${genuine.answer.outcome})`,
      pass,
    });
    for (const replay of replays)
      expect(replay).toMatchObject({
        status: 200,
        answer: { outcome: 'duplicate' },
        stateChanged: false,
        stripeCalls: 0,
        auditRecords: 0,
      });
  });
});
