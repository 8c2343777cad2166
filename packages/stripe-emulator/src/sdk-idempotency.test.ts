import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { emulatorWithSdk, NO_REDIRECTS, rejection } from './sdk.fixture.js';

const PAY = {
  amount: 2500,
  currency: 'usd',
  payment_method: 'pm_card_visa',
  confirm: true,
  ...NO_REDIRECTS,
} as const;

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('idempotent requests', () => {
  it('replays the saved answer for the same key and parameters: one intent, one charge', async () => {
    const { emu, stripe } = await emulatorWithSdk();
    const first = await stripe.paymentIntents.create(PAY, { idempotencyKey: 'order-42' });
    const second = await stripe.paymentIntents.create(PAY, { idempotencyKey: 'order-42' });
    expect(second.id).toBe(first.id);
    expect(second.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(second.lastResponse.headers['original-request']).toBe(first.lastResponse.requestId);
    expect(first.lastResponse.headers['idempotent-replayed']).toBeUndefined();
    expect(emu.paymentIntents()).toHaveLength(1);
    expect(emu.charges()).toHaveLength(1);
    expect(emu.requests().map((r) => [r.idempotencyKey, r.replayed])).toEqual([
      ['order-42', false],
      ['order-42', true],
    ]);
  });

  it('replays a saved card decline too', async () => {
    const { emu, stripe } = await emulatorWithSdk();
    const params = { ...PAY, payment_method: 'pm_card_chargeDeclined' };
    const first = await rejection(stripe.paymentIntents.create(params, { idempotencyKey: 'k-decline' }));
    const again = await rejection(stripe.paymentIntents.create(params, { idempotencyKey: 'k-decline' }));
    expect(again).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(again.payment_intent?.id).toBe(first.payment_intent?.id);
    expect(again.headers?.['idempotent-replayed']).toBe('true');
    expect(emu.charges()).toHaveLength(1);
  });

  it('rejects the same key with other parameters as an idempotency error', async () => {
    const { emu, stripe } = await emulatorWithSdk();
    await stripe.paymentIntents.create(PAY, { idempotencyKey: 'k1' });
    const error = await rejection(
      stripe.paymentIntents.create({ ...PAY, amount: 2600 }, { idempotencyKey: 'k1' }),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(error.statusCode).toBe(400);
    expect(error.message).toContain("other than 'k1'");
    expect(emu.paymentIntents()).toHaveLength(1);
  });

  it('does not save validation failures: the key stays usable', async () => {
    const { emu, stripe } = await emulatorWithSdk();
    await rejection(stripe.paymentIntents.create({ amount: 100, currency: 'xyz' }, { idempotencyKey: 'k2' }));
    const ok = await stripe.paymentIntents.create({ amount: 100, currency: 'usd' }, { idempotencyKey: 'k2' });
    expect(ok.lastResponse.headers['idempotent-replayed']).toBeUndefined();
    expect(emu.paymentIntents()).toHaveLength(1);
  });

  it('answers 409 while the first request with the key is still running, then replays it', async () => {
    const { emu, stripe } = await emulatorWithSdk();
    emu.faults.inject({ path: '/v1/payment_intents', method: 'POST', delayMs: 400 });
    const first = stripe.paymentIntents.create(PAY, { idempotencyKey: 'slow' });
    await until(() => emu.requests().length === 1);
    const conflict = await rejection(
      stripe.paymentIntents.create(PAY, { idempotencyKey: 'slow', maxNetworkRetries: 0 }),
    );
    expect(conflict.statusCode).toBe(409);
    expect(conflict.rawType).toBe('idempotency_error');
    expect(conflict.code).toBe('idempotency_key_in_use');
    const retried = stripe.paymentIntents.create(PAY, { idempotencyKey: 'slow', maxNetworkRetries: 2 });
    const [original, replay] = await Promise.all([first, retried]);
    expect(replay.id).toBe(original.id);
    expect(replay.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(emu.charges()).toHaveLength(1);
    const statuses = emu.requests().map((r) => r.status);
    expect(statuses[0]).toBe(200);
    expect(statuses.slice(1, -1).every((status) => status === 409)).toBe(true);
    expect(statuses.at(-1)).toBe(200);
  });

  it('forgets keys after 24 hours of the emulator clock', async () => {
    let now = Date.parse('2026-11-01T12:00:00Z');
    const { emu, stripe } = await emulatorWithSdk({ clock: () => now });
    const first = await stripe.paymentIntents.create(PAY, { idempotencyKey: 'daily' });
    expect(first.created).toBe(now / 1000);
    now += 24 * 60 * 60 * 1000;
    const second = await stripe.paymentIntents.create({ ...PAY, amount: 99 }, { idempotencyKey: 'daily' });
    expect(second.id).not.toBe(first.id);
    expect(emu.charges()).toHaveLength(2);
  });
});
