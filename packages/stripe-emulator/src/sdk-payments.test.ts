import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { emulatorWithSdk, NO_REDIRECTS, rejection } from './sdk.fixture.js';

describe('PaymentIntents through the official SDK', () => {
  it('creates and confirms a payment with a receipt served by the emulator', async () => {
    const { emu, stripe } = await emulatorWithSdk();
    const intent = await stripe.paymentIntents.create({
      amount: 1999,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
      metadata: { order_id: '42' },
      ...NO_REDIRECTS,
    });
    expect(intent).toMatchObject({
      object: 'payment_intent',
      status: 'succeeded',
      amount_received: 1999,
      livemode: false,
    });
    expect(intent.client_secret).toMatch(new RegExp(`^${intent.id}_secret_`));
    expect(intent.lastResponse.requestId).toMatch(/^req_/);
    expect('charges' in intent).toBe(false);
    const charge = await stripe.charges.retrieve(String(intent.latest_charge));
    expect(charge).toMatchObject({
      status: 'succeeded',
      paid: true,
      amount: 1999,
      payment_intent: intent.id,
    });
    expect(charge.metadata).toEqual({ order_id: '42' });
    expect(charge.receipt_url?.startsWith(`${emu.url}/receipts/`)).toBe(true);
    const receipt = await fetch(String(charge.receipt_url));
    expect(receipt.headers.get('content-type')).toContain('text/html');
    expect(await receipt.text()).toContain('19.99 USD');
    expect(emu.charges()).toHaveLength(1);
  });

  it('confirms in a second step and can expand latest_charge', async () => {
    const { stripe } = await emulatorWithSdk();
    const created = await stripe.paymentIntents.create({ amount: 500, currency: 'eur', ...NO_REDIRECTS });
    expect(created.status).toBe('requires_payment_method');
    const confirmed = await stripe.paymentIntents.confirm(created.id, {
      payment_method: 'pm_card_mastercard',
      expand: ['latest_charge'],
    });
    expect(confirmed.status).toBe('succeeded');
    expect(confirmed.latest_charge).toMatchObject({ object: 'charge', status: 'succeeded' });
    const again = await rejection(stripe.paymentIntents.confirm(created.id));
    expect(again).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(again.code).toBe('payment_intent_unexpected_state');
  });

  it.each([
    ['pm_card_chargeDeclined', 'card_declined', 'generic_decline'],
    ['pm_card_chargeDeclinedInsufficientFunds', 'card_declined', 'insufficient_funds'],
    ['pm_card_chargeDeclinedExpiredCard', 'expired_card', 'expired_card'],
  ])('declines %s with a 402 card error and a failed charge', async (pm, code, declineCode) => {
    const { emu, stripe } = await emulatorWithSdk();
    const error = await rejection(
      stripe.paymentIntents.create({
        amount: 1000,
        currency: 'usd',
        payment_method: pm,
        confirm: true,
        ...NO_REDIRECTS,
      }),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(error).toMatchObject({ statusCode: 402, code, decline_code: declineCode });
    const intent = error.payment_intent;
    expect(intent?.status).toBe('requires_payment_method');
    expect(intent?.last_payment_error).toMatchObject({ type: 'card_error', code, decline_code: declineCode });
    expect(intent?.payment_method).toBeNull();
    expect(emu.charges()).toMatchObject([{ status: 'failed', failure_code: code, receipt_url: null }]);
    const retrieved = await stripe.paymentIntents.retrieve(String(intent?.id));
    expect(retrieved.latest_charge).toBe(emu.charges()[0]?.id);
  });

  it('takes zero-decimal amounts as whole units', async () => {
    const { emu, stripe } = await emulatorWithSdk();
    const intent = await stripe.paymentIntents.create({
      amount: 500,
      currency: 'jpy',
      payment_method: 'pm_card_visa',
      confirm: true,
      ...NO_REDIRECTS,
    });
    expect(intent).toMatchObject({ amount: 500, currency: 'jpy', status: 'succeeded' });
    const html = await (await fetch(String(emu.charges()[0]?.receipt_url))).text();
    expect(html).toContain('500 JPY');
  });

  it('rejects invalid currencies, amounts and unknown parameters on the right param', async () => {
    const { emu, stripe } = await emulatorWithSdk();
    const currency = await rejection(stripe.paymentIntents.create({ amount: 100, currency: 'xyz' }));
    expect(currency).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(currency).toMatchObject({ statusCode: 400, param: 'currency' });
    expect(await rejection(stripe.paymentIntents.create({ amount: 0, currency: 'usd' }))).toMatchObject({
      param: 'amount',
    });
    expect(
      await rejection(stripe.paymentIntents.create({ amount: 100_000_000, currency: 'usd' })),
    ).toMatchObject({
      param: 'amount',
      code: 'amount_too_large',
    });
    const unknown = await rejection(
      stripe.rawRequest('POST', '/v1/payment_intents', { amount: 1, currency: 'usd', colour: 'red' }),
    );
    expect(unknown).toMatchObject({ param: 'colour', code: 'parameter_unknown' });
    const missing = await rejection(stripe.paymentIntents.retrieve('pi_missing'));
    expect(missing).toMatchObject({ statusCode: 404, code: 'resource_missing' });
    expect(emu.paymentIntents()).toHaveLength(0);
  });

  it('refuses a wrong API key with a 401', async () => {
    const { emu } = await emulatorWithSdk();
    const wrong = new Stripe('sk_test_wrong_key_1234', emu.sdkOptions());
    const error = await rejection(wrong.paymentIntents.list());
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(error.statusCode).toBe(401);
    expect(error.message).toContain('1234');
    expect(error.message).not.toContain('wrong_key');
  });

  it('lists newest first with limit, cursors and a customer filter, and searches by metadata', async () => {
    const { stripe } = await emulatorWithSdk();
    const ids: string[] = [];
    for (const [n, customer] of [
      [1, 'cus_a'],
      [2, 'cus_b'],
      [3, 'cus_a'],
    ] as const) {
      const pi = await stripe.paymentIntents.create({
        amount: n * 100,
        currency: 'usd',
        customer,
        metadata: { n: String(n) },
      });
      ids.push(pi.id);
    }
    const first = await stripe.paymentIntents.list({ limit: 2 });
    expect(first.data.map((pi) => pi.id)).toEqual([ids[2], ids[1]]);
    expect(first.has_more).toBe(true);
    const next = await stripe.paymentIntents.list({ limit: 2, starting_after: ids[1] });
    expect(next.data.map((pi) => pi.id)).toEqual([ids[0]]);
    expect(next.has_more).toBe(false);
    const all: string[] = [];
    for await (const pi of stripe.paymentIntents.list({ limit: 1 })) all.push(pi.id);
    expect(all).toEqual([...ids].reverse());
    const mine = await stripe.paymentIntents.list({ customer: 'cus_a' });
    expect(mine.data.map((pi) => pi.id)).toEqual([ids[2], ids[0]]);
    const found = await stripe.paymentIntents.search({
      query: "metadata['n']:'2' AND status:'requires_payment_method'",
    });
    expect(found.data.map((pi) => pi.id)).toEqual([ids[1]]);
  });
});
