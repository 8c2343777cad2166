import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { signPayload } from './webhooks.js';

describe('signPayload', () => {
  it('produces the header the official SDK verifies', () => {
    const payload = JSON.stringify({ id: 'evt_1', object: 'event', type: 'payment_intent.succeeded' });
    const now = Math.floor(Date.now() / 1000);
    const header = signPayload(payload, 'whsec_test', now);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(header).toBe(
      Stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_test', timestamp: now }),
    );
    expect(Stripe.webhooks.constructEvent(payload, header, 'whsec_test').id).toBe('evt_1');
    expect(() => Stripe.webhooks.constructEvent(payload, header, 'whsec_other')).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
  });
});
