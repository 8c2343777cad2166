import { describe, expect, it } from 'vitest';
import { emulatorWithSdk, NO_REDIRECTS, rejection } from './sdk.fixture.js';

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

describe('the emulator on the wire', () => {
  it('answers Stripe-shaped JSON with Request-Id and Stripe-Version headers, Basic auth included', async () => {
    const { emu } = await emulatorWithSdk();
    const response = await fetch(`${emu.url}/v1/payment_intents`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${emu.secretKey}:`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
        'stripe-version': '2024-06-20',
      },
      body: form({
        amount: '700',
        currency: 'usd',
        'metadata[cart]': 'c-1',
        'payment_method_types[0]': 'card',
      }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('request-id')).toMatch(/^req_\w{14}$/);
    expect(response.headers.get('stripe-version')).toBe('2024-06-20');
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      object: 'payment_intent',
      amount: 700,
      metadata: { cart: 'c-1' },
      payment_method_types: ['card'],
    });
    expect(emu.requests()[0]).toMatchObject({
      idempotencyKey: null,
      stripeVersion: '2024-06-20',
      params: { metadata: { cart: 'c-1' } },
    });
  });

  it('answers 401 without a key and 404 for unknown URLs', async () => {
    const { emu } = await emulatorWithSdk();
    const noKey = await fetch(`${emu.url}/v1/payment_intents`);
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toMatchObject({
      error: {
        type: 'invalid_request_error',
        message: expect.stringContaining('did not provide an API key'),
      },
    });
    const unknown = await fetch(`${emu.url}/v1/customers`, {
      headers: { authorization: `Bearer ${emu.secretKey}` },
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({
      error: { message: expect.stringContaining('Unrecognized request URL (GET: /v1/customers)') },
    });
    expect((await fetch(`${emu.url}/receipts/ch_nope`)).status).toBe(404);
  });

  it('updates and cancels intents, and refuses to cancel a succeeded one', async () => {
    const { emu, stripe } = await emulatorWithSdk();
    const intent = await stripe.paymentIntents.create({
      amount: 300,
      currency: 'usd',
      metadata: { a: '1', b: '2' },
    });
    const updated = await stripe.paymentIntents.update(intent.id, {
      amount: 350,
      metadata: { a: '', c: '3' },
    });
    expect(updated).toMatchObject({ amount: 350, metadata: { b: '2', c: '3' } });
    const canceled = await stripe.paymentIntents.cancel(intent.id, { cancellation_reason: 'abandoned' });
    expect(canceled).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' });
    const paid = await stripe.paymentIntents.create({
      amount: 100,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
      ...NO_REDIRECTS,
    });
    expect((await rejection(stripe.paymentIntents.cancel(paid.id))).code).toBe(
      'payment_intent_unexpected_state',
    );
    expect(emu.paymentIntents().map((pi) => pi.status)).toEqual(['canceled', 'succeeded']);
  });

  it('gives copies to tests, builds sdk options, and closes with a hanging request open', async () => {
    const { emu, stripe } = await emulatorWithSdk();
    expect(emu.sdkOptions()).toEqual({ host: '127.0.0.1', port: emu.port, protocol: 'http' });
    expect(emu.sdkOptions({ apiVersion: '2022-11-15', maxNetworkRetries: 1 })).toMatchObject({
      apiVersion: '2022-11-15',
      maxNetworkRetries: 1,
    });
    expect(emu.url).toBe(`http://127.0.0.1:${emu.port}`);
    await stripe.paymentIntents.create({ amount: 100, currency: 'usd' });
    const copy = emu.paymentIntents()[0];
    if (copy !== undefined) copy.amount = 1;
    expect(emu.paymentIntents()[0]?.amount).toBe(100);
    emu.faults.inject({ afterProcessing: 'hang' });
    const hanging = stripe.paymentIntents
      .list(undefined, { maxNetworkRetries: 0 })
      .catch((error: unknown) => error);
    while (emu.requests().length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    const started = Date.now();
    await emu.close();
    await emu.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await hanging).toBeInstanceOf(Error);
  });
});
