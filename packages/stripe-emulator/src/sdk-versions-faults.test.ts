import Stripe from 'stripe';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { emulatorWithSdk, NO_REDIRECTS, rejection } from './sdk.fixture.js';

const CARD = { amount: 1200, currency: 'usd', payment_method: 'pm_card_visa', confirm: true } as const;

describe('API versions', () => {
  it('sends the SDK pin by default and needs a return_url with automatic payment methods', async () => {
    const { emu, stripe } = await emulatorWithSdk();
    const error = await rejection(stripe.paymentIntents.create(CARD));
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error.param).toBe('return_url');
    expect(emu.requests()[0]?.stripeVersion).toBe('2026-10-28.endive');
    expect(emu.paymentIntents()).toHaveLength(0);
    const withUrl = await stripe.paymentIntents.create({ ...CARD, return_url: 'https://shop.example/done' });
    expect(withUrl.status).toBe('succeeded');
    expect(withUrl.automatic_payment_methods).toEqual({ enabled: true, allow_redirects: 'always' });
    const offSession = await stripe.paymentIntents.create({ ...CARD, off_session: true });
    expect(offSession.status).toBe('succeeded');
    const cardsOnly = await stripe.paymentIntents.create({
      ...CARD,
      allowed_payment_method_types: ['card', 'ideal'],
    });
    expect(cardsOnly).toMatchObject({
      automatic_payment_methods: null,
      payment_method_types: ['card'],
      status: 'succeeded',
    });
    const removed = await rejection(
      stripe.rawRequest('POST', '/v1/payment_intents', { ...CARD, payment_method_types: ['card'] }),
    );
    expect(removed).toMatchObject({
      param: 'payment_method_types',
      code: 'payment_method_types_no_longer_supported',
    });
    expect(withUrl.capture_method).toBe('automatic_async');
  });

  it('embeds charges and allows confirming without return_url before 2022-11-15 / 2023-08-16', async () => {
    const { emu, stripe } = await emulatorWithSdk({}, { apiVersion: '2022-08-01' });
    const intent = await stripe.paymentIntents.create(CARD);
    expect(intent.status).toBe('succeeded');
    expect(intent.automatic_payment_methods).toBeNull();
    expect(intent.capture_method).toBe('automatic');
    const embedded = (intent as unknown as { charges: Stripe.ApiList<Stripe.Charge> }).charges;
    expect(embedded.data.map((charge) => charge.id)).toEqual([intent.latest_charge]);
    expect(embedded.data[0]?.balance_transaction).toMatch(/^txn_/);
    const typed = await stripe.rawRequest('POST', '/v1/payment_intents', {
      ...CARD,
      payment_method_types: ['card'],
    });
    expect(typed).toMatchObject({ status: 'succeeded', payment_method_types: ['card'] });
    const tooNew = await rejection(
      stripe.rawRequest('POST', '/v1/payment_intents', { ...CARD, allowed_payment_method_types: ['card'] }),
    );
    expect(tooNew).toMatchObject({ param: 'allowed_payment_method_types', code: 'parameter_unknown' });
    expect(emu.requests()[0]?.stripeVersion).toBe('2022-08-01');
    const current = new Stripe(emu.secretKey, emu.sdkOptions());
    expectTypeOf(emu.sdkOptions()).toExtend<Stripe.StripeConfig>();
    expect('charges' in (await current.paymentIntents.retrieve(intent.id))).toBe(false);
    const between = await stripe.paymentIntents.retrieve(intent.id, {}, { apiVersion: '2023-01-01' });
    expect('charges' in between).toBe(false);
    const bad = await rejection(stripe.paymentIntents.retrieve(intent.id, {}, { apiVersion: 'yesterday' }));
    expect(bad.statusCode).toBe(400);
  });
});

describe('fault injection', () => {
  it('recovers from a retryable 500 with the SDK retries, reusing the idempotency key', async () => {
    const { emu, stripe } = await emulatorWithSdk({}, { maxNetworkRetries: 2 });
    emu.faults.inject({ path: '/v1/payment_intents', method: 'POST', status: 500, shouldRetry: true });
    const intent = await stripe.paymentIntents.create({ ...CARD, ...NO_REDIRECTS });
    expect(intent.status).toBe('succeeded');
    const posts = emu.requests();
    expect(posts.map((r) => r.status)).toEqual([500, 200]);
    expect(posts[1]?.idempotencyKey).toBe(posts[0]?.idempotencyKey);
    expect(posts[0]?.idempotencyKey).toMatch(/^stripe-node-retry-/);
    expect(emu.charges()).toHaveLength(1);
  });

  it('surfaces a 500 with Stripe-Should-Retry: false, and replays it for the same key', async () => {
    const { emu, stripe } = await emulatorWithSdk({}, { maxNetworkRetries: 2 });
    emu.faults.inject({ path: '/v1/payment_intents', status: 500, shouldRetry: false });
    const error = await rejection(
      stripe.paymentIntents.create({ ...CARD, ...NO_REDIRECTS }, { idempotencyKey: 'k500' }),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(error.statusCode).toBe(500);
    expect(error.headers?.['stripe-should-retry']).toBe('false');
    expect(emu.requests()).toHaveLength(1);
    const replay = await rejection(
      stripe.paymentIntents.create({ ...CARD, ...NO_REDIRECTS }, { idempotencyKey: 'k500' }),
    );
    expect(replay.statusCode).toBe(500);
    expect(replay.headers?.['idempotent-replayed']).toBe('true');
    expect(emu.paymentIntents()).toHaveLength(0);
  });

  it('times out after processing: the SDK sees a connection error but the payment exists', async () => {
    const { emu, stripe } = await emulatorWithSdk({}, { maxNetworkRetries: 0 });
    emu.faults.inject({ path: '/v1/payment_intents', afterProcessing: 'hang' });
    const error = await rejection(
      stripe.paymentIntents.create({ ...CARD, ...NO_REDIRECTS }, { idempotencyKey: 'lost', timeout: 300 }),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    expect(emu.paymentIntents()).toMatchObject([{ status: 'succeeded' }]);
    expect(emu.requests()[0]?.status).toBeNull();
    const recovered = await stripe.paymentIntents.create(
      { ...CARD, ...NO_REDIRECTS },
      { idempotencyKey: 'lost' },
    );
    expect(recovered.id).toBe(emu.paymentIntents()[0]?.id);
    expect(recovered.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(emu.charges()).toHaveLength(1);
  });

  it('drops the connection after processing: the SDK retries once with the same key and gets the replay', async () => {
    const { emu, stripe } = await emulatorWithSdk({}, { maxNetworkRetries: 0 });
    emu.faults.inject({ path: '/v1/payment_intents', afterProcessing: 'close' });
    const intent = await stripe.paymentIntents.create({ ...CARD, ...NO_REDIRECTS });
    expect(intent.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(emu.requests().map((r) => [r.status, r.replayed])).toEqual([
      [null, false],
      [200, true],
    ]);
    expect(emu.charges()).toHaveLength(1);
  });
});
