import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { emulatorWithSdk, NO_REDIRECTS, rejection, webhookReceiver } from './sdk.fixture.js';

const PAY = { amount: 5000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true, ...NO_REDIRECTS };

describe('refunds', () => {
  it('refunds a payment in full by payment_intent and retrieves the refund', async () => {
    const { emu, stripe } = await emulatorWithSdk();
    const intent = await stripe.paymentIntents.create(PAY);
    const refund = await stripe.refunds.create({
      payment_intent: intent.id,
      reason: 'requested_by_customer',
      metadata: { order: '42' },
    });
    expect(refund).toMatchObject({
      object: 'refund',
      amount: 5000,
      currency: 'usd',
      charge: intent.latest_charge,
      payment_intent: intent.id,
      status: 'succeeded',
      reason: 'requested_by_customer',
      metadata: { order: '42' },
    });
    expect(refund.id).toMatch(/^re_/);
    expect(typeof refund.created).toBe('number');
    expect((await stripe.refunds.retrieve(refund.id)).id).toBe(refund.id);
    const charge = await stripe.charges.retrieve(String(intent.latest_charge));
    expect([charge.amount_refunded, charge.refunded]).toEqual([5000, true]);
    expect(emu.refunds()).toHaveLength(1);
    const missing = await rejection(stripe.refunds.retrieve('re_missing'));
    expect([missing.statusCode, missing.code]).toEqual([404, 'resource_missing']);
  });

  it('makes partial refunds by charge up to the amount, then refuses more', async () => {
    const { emu, stripe } = await emulatorWithSdk();
    const intent = await stripe.paymentIntents.create(PAY);
    const charge = String(intent.latest_charge);
    await stripe.refunds.create({ charge, amount: 1500 });
    const partial = await stripe.charges.retrieve(charge);
    expect([partial.amount_refunded, partial.refunded]).toEqual([1500, false]);

    const tooLarge = await rejection(stripe.refunds.create({ charge, amount: 3501 }));
    expect(tooLarge).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect([tooLarge.statusCode, tooLarge.code, tooLarge.param]).toEqual([400, 'amount_too_large', 'amount']);

    const rest = await stripe.refunds.create({ payment_intent: intent.id });
    expect(rest.amount).toBe(3500);
    const again = await rejection(stripe.refunds.create({ charge }));
    expect([again.statusCode, again.type, again.code]).toEqual([
      400,
      'StripeInvalidRequestError',
      'charge_already_refunded',
    ]);
    expect(emu.refunds().map((r) => r.amount)).toEqual([1500, 3500]);
    expect(emu.charges()[0]).toMatchObject({ amount_refunded: 5000, refunded: true });
  });

  it('answers 404 resource_missing for an unknown intent or charge', async () => {
    const { stripe } = await emulatorWithSdk();
    const byIntent = await rejection(stripe.refunds.create({ payment_intent: 'pi_missing' }));
    const byCharge = await rejection(stripe.refunds.create({ charge: 'ch_missing' }));
    expect([byIntent.statusCode, byIntent.code]).toEqual([404, 'resource_missing']);
    expect([byCharge.statusCode, byCharge.code, byCharge.param]).toEqual([404, 'resource_missing', 'charge']);
  });

  it('replays a refund made with the same idempotency key: one refund', async () => {
    const { emu, stripe } = await emulatorWithSdk();
    const intent = await stripe.paymentIntents.create(PAY);
    const first = await stripe.refunds.create({ payment_intent: intent.id }, { idempotencyKey: 'refund-1' });
    const second = await stripe.refunds.create({ payment_intent: intent.id }, { idempotencyKey: 'refund-1' });
    expect(second.id).toBe(first.id);
    expect(second.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(emu.refunds()).toHaveLength(1);
  });

  it('sends a signed charge.refunded event the SDK verifies', async () => {
    const hook = await webhookReceiver();
    const { emu, stripe } = await emulatorWithSdk({ webhook: { url: hook.url, secret: 'whsec_refunds' } });
    const intent = await stripe.paymentIntents.create(PAY);
    const refund = await stripe.refunds.create({ payment_intent: intent.id, amount: 2000 });
    await emu.webhooksSettled();
    const events = hook.received.map((hit) =>
      stripe.webhooks.constructEvent(hit.raw, hit.signature, 'whsec_refunds'),
    );
    const refunded = events.find((event) => event.type === 'charge.refunded') as Stripe.ChargeRefundedEvent;
    expect(refunded.request?.id).toBe(refund.lastResponse.requestId);
    expect(refunded.data.object).toMatchObject({
      id: intent.latest_charge,
      amount_refunded: 2000,
      refunded: false,
      payment_intent: intent.id,
    });
  });
});
