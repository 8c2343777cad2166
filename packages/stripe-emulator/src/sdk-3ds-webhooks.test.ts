import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { emulatorWithSdk, NO_REDIRECTS, webhookReceiver } from './sdk.fixture.js';

describe('3D Secure and signed webhooks', () => {
  it('stops at requires_action, then completes with signed events the SDK verifies', async () => {
    const hook = await webhookReceiver();
    const { emu, stripe } = await emulatorWithSdk({ webhook: { url: hook.url, secret: 'whsec_test_3ds' } });
    const intent = await stripe.paymentIntents.create({
      amount: 4200,
      currency: 'eur',
      payment_method: 'pm_card_authenticationRequired',
      confirm: true,
      return_url: 'https://shop.example/return',
    });
    expect(intent.status).toBe('requires_action');
    expect(intent.next_action?.type).toBe('redirect_to_url');
    expect(intent.next_action?.redirect_to_url?.return_url).toBe('https://shop.example/return');
    expect(intent.next_action?.redirect_to_url?.url?.startsWith(`${emu.url}/emulator/3ds/${intent.id}`)).toBe(
      true,
    );
    expect(emu.charges()).toHaveLength(0);

    const done = await emu.completeAuthentication(intent.id);
    expect(done.status).toBe('succeeded');
    await emu.webhooksSettled();

    const events = hook.received.map((hit) =>
      stripe.webhooks.constructEvent(hit.raw, hit.signature, 'whsec_test_3ds'),
    );
    expect(events.map((event) => event.type)).toEqual([
      'payment_intent.requires_action',
      'charge.succeeded',
      'payment_intent.succeeded',
    ]);
    const succeeded = events[2] as Stripe.PaymentIntentSucceededEvent;
    expect(succeeded).toMatchObject({ object: 'event', livemode: false, api_version: '2026-10-28.endive' });
    expect(succeeded.id).toMatch(/^evt_/);
    expect(succeeded.data.object).toMatchObject({
      id: intent.id,
      status: 'succeeded',
      latest_charge: emu.charges()[0]?.id,
    });
    expect(events[0]?.request?.idempotency_key).toMatch(/^stripe-node-retry-/);
    expect(() =>
      stripe.webhooks.constructEvent(
        hook.received[0]?.raw ?? '',
        hook.received[0]?.signature ?? '',
        'whsec_other',
      ),
    ).toThrow(Stripe.errors.StripeSignatureVerificationError);
    expect(emu.deliveredEvents().map((d) => [d.type, d.status, d.attempt])).toEqual([
      ['payment_intent.requires_action', 200, 1],
      ['charge.succeeded', 200, 1],
      ['payment_intent.succeeded', 200, 1],
    ]);
  });

  it('uses the SDK flow without return_url and fails authentication through the test-helper endpoint', async () => {
    const hook = await webhookReceiver();
    const { emu, stripe } = await emulatorWithSdk({ webhook: { url: hook.url } });
    const intent = await stripe.paymentIntents.create({
      amount: 900,
      currency: 'usd',
      payment_method: 'pm_card_authenticationRequired',
      confirm: true,
      ...NO_REDIRECTS,
    });
    expect(intent.next_action?.type).toBe('use_stripe_sdk');
    const failed = await stripe.rawRequest(
      'POST',
      `/v1/test_helpers/payment_intents/${intent.id}/authenticate`,
      { outcome: 'fail' },
    );
    expect(failed).toMatchObject({ status: 'requires_payment_method', payment_method: null });
    expect(failed.last_payment_error).toMatchObject({ code: 'payment_intent_authentication_failure' });
    await emu.webhooksSettled();
    const types = hook.received.map(
      (hit) => stripe.webhooks.constructEvent(hit.raw, hit.signature, emu.webhookSecret).type,
    );
    expect(types).toEqual(['payment_intent.requires_action', 'payment_intent.payment_failed']);
    expect(emu.charges()).toHaveLength(0);
  });

  it('completes the browser 3D Secure page and redirects to the return_url', async () => {
    const { emu, stripe } = await emulatorWithSdk();
    const intent = await stripe.paymentIntents.create({
      amount: 1500,
      currency: 'gbp',
      payment_method: 'pm_card_authenticationRequired',
      confirm: true,
      return_url: 'https://shop.example/return?order=7',
    });
    const page = await fetch(String(intent.next_action?.redirect_to_url?.url));
    expect(await page.text()).toContain(`/emulator/3ds/${intent.id}/complete`);
    const finish = await fetch(`${emu.url}/emulator/3ds/${intent.id}/complete`, {
      method: 'POST',
      redirect: 'manual',
    });
    expect(finish.status).toBe(303);
    const target = new URL(String(finish.headers.get('location')));
    expect(target.origin + target.pathname).toBe('https://shop.example/return');
    expect(Object.fromEntries(target.searchParams)).toEqual({
      order: '7',
      payment_intent: intent.id,
      payment_intent_client_secret: intent.client_secret,
      redirect_status: 'succeeded',
    });
    expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe('succeeded');
  });

  it('retries a failing endpoint with backoff, a bounded number of times', async () => {
    let chargeAttempts = 0;
    const hook = await webhookReceiver((_, raw) => {
      if (!raw.includes('"charge.succeeded"')) return 204;
      chargeAttempts += 1;
      return chargeAttempts < 3 ? 500 : 200;
    });
    const { emu, stripe } = await emulatorWithSdk({
      webhook: { url: hook.url, retryDelayMs: 20, maxAttempts: 3 },
    });
    await stripe.paymentIntents.create({
      amount: 100,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
      ...NO_REDIRECTS,
    });
    await emu.webhooksSettled();
    const charge = emu.deliveredEvents().filter((d) => d.type === 'charge.succeeded');
    expect(charge.map((d) => [d.status, d.attempt])).toEqual([
      [500, 1],
      [500, 2],
      [200, 3],
    ]);
    const all = await webhookReceiver(() => 503);
    const { emu: gaveUp, stripe: other } = await emulatorWithSdk({
      webhook: { url: all.url, retryDelayMs: 10, maxAttempts: 2 },
    });
    await other.paymentIntents.create({
      amount: 100,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
      ...NO_REDIRECTS,
    });
    await gaveUp.webhooksSettled();
    expect(gaveUp.deliveredEvents().map((d) => d.status)).toEqual([503, 503, 503, 503]);
  });

  it('records an unreachable endpoint as failed', async () => {
    const { emu, stripe } = await emulatorWithSdk({
      webhook: { url: 'http://127.0.0.1:1/hook', retryDelayMs: 5, maxAttempts: 2 },
    });
    await stripe.paymentIntents.create({
      amount: 100,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
      ...NO_REDIRECTS,
    });
    await emu.webhooksSettled();
    expect(emu.deliveredEvents().every((d) => d.status === 'failed')).toBe(true);
    expect(emu.deliveredEvents()).toHaveLength(4);
    expect(emu.events().map((e) => e.type)).toEqual(['charge.succeeded', 'payment_intent.succeeded']);
  });
});
