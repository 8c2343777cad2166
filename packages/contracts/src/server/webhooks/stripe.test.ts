import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { ContractError } from '../../index.js';
import { stripeVerifier } from './stripe.js';

const secret = 'whsec_test_secret_one';
const now = new Date();
const nowSeconds = Math.floor(now.getTime() / 1000);
const body = JSON.stringify({
  id: 'evt_1',
  object: 'event',
  type: 'payment_intent.succeeded',
  data: { object: { id: 'pi_1', object: 'payment_intent', amount: 4990 } },
});

function signed(options: { timestamp?: number; key?: string; payload?: string } = {}): Headers {
  const header = Stripe.webhooks.generateTestHeaderString({
    payload: options.payload ?? body,
    secret: options.key ?? secret,
    timestamp: options.timestamp ?? nowSeconds,
  });
  return new Headers({ 'stripe-signature': header });
}

async function verdict(headers: Headers, payload = body, keys: string | string[] = secret) {
  try {
    return await stripeVerifier({ secret: keys }).verify({
      body: payload,
      headers,
      now,
      toleranceSeconds: 300,
    });
  } catch (error) {
    if (ContractError.is(error)) return error.code;
    throw error;
  }
}

describe('stripeVerifier', () => {
  it('accepts a delivery signed as Stripe signs it: id and type from the event', async () => {
    expect(await verdict(signed())).toEqual({
      source: 'stripe',
      id: 'evt_1',
      type: 'payment_intent.succeeded',
      timestamp: new Date(nowSeconds * 1000),
      event: JSON.parse(body),
    });
  });

  it('refuses a wrong secret, an altered body and a missing header', async () => {
    expect(await verdict(signed({ key: 'whsec_other' }))).toBe('UNAUTHENTICATED');
    expect(await verdict(signed(), body.replace('4990', '1'))).toBe('UNAUTHENTICATED');
    expect(await verdict(new Headers())).toBe('UNAUTHENTICATED');
  });

  it('refuses a header with two timestamps, or none', async () => {
    const header = signed().get('stripe-signature') as string;
    expect(await verdict(new Headers({ 'stripe-signature': `t=${nowSeconds - 1000},${header}` }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(await verdict(new Headers({ 'stripe-signature': header.replace(/^t=\d+,/, '') }))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('refuses stale timestamps, and future ones the SDK alone would accept', async () => {
    const future = signed({ timestamp: nowSeconds + 3600 });
    // The SDK's tolerance bounds the age only: it verifies this future-dated header.
    const sdk = Stripe.webhooks.constructEvent(body, future.get('stripe-signature') as string, secret, 300);
    expect(sdk.id).toBe('evt_1');
    expect(await verdict(future)).toBe('UNAUTHENTICATED');
    expect(await verdict(signed({ timestamp: nowSeconds - 301 }))).toBe('UNAUTHENTICATED');
    expect(await verdict(signed({ timestamp: nowSeconds + 299 }))).toMatchObject({ id: 'evt_1' });
  });

  it('accepts any of several secrets (rotation) and can be named for a second account', async () => {
    expect(await verdict(signed({ key: 'whsec_old' }), body, [secret, 'whsec_old'])).toMatchObject({
      id: 'evt_1',
    });
    const named = stripeVerifier({ secret, source: 'stripe-eu' });
    const verified = await named.verify({ body, headers: signed(), now, toleranceSeconds: 300 });
    expect(verified.source).toBe('stripe-eu');
  });

  it('refuses a signed body that is not a Stripe event with INVALID_INPUT', async () => {
    for (const payload of ['not json', '{"id":"evt_1","type":"x"}', '{"object":"event","type":"x"}']) {
      expect(await verdict(signed({ payload }), payload)).toBe('INVALID_INPUT');
    }
  });
});
