import type Stripe from 'stripe';
import { describe, expectTypeOf, it } from 'vitest';
import { SpecRegistry } from '../../index.js';
import { makeWebhookHandler } from './handler.js';
import { standardWebhooksVerifier } from './standard-webhooks.js';
import { stripeVerifier } from './stripe.js';
import type { VerifiedWebhook } from './types.js';

const registry = new SpecRegistry();

describe('webhook routes are typed by the sender event types', () => {
  it('gives each Stripe route the event of its own type', () => {
    makeWebhookHandler(registry, {
      verifier: stripeVerifier({ secret: 'whsec_x' }),
      routes: {
        'payment_intent.succeeded': {
          op: 'billing.completePayment',
          input: (event, webhook) => {
            expectTypeOf(event).toEqualTypeOf<Stripe.PaymentIntentSucceededEvent>();
            expectTypeOf(event.data.object).toEqualTypeOf<Stripe.PaymentIntent>();
            expectTypeOf(webhook).toEqualTypeOf<VerifiedWebhook<Stripe.PaymentIntentSucceededEvent>>();
            return { paymentIntentId: event.data.object.id };
          },
        },
        'charge.refunded': {
          op: 'billing.refund',
          input: (event) => {
            expectTypeOf(event.data.object).toEqualTypeOf<Stripe.Charge>();
            return {};
          },
        },
        // @ts-expect-error: not a Stripe event type
        'payment_intent.nonsense': { op: 'billing.x', input: () => ({}) },
      },
    });
  });

  it('gives Standard Webhooks routes the declared payload under any type name', () => {
    type Paid = { readonly type: string; readonly data: { readonly invoiceId: string } };
    makeWebhookHandler(registry, {
      verifier: standardWebhooksVerifier<Paid>({ source: 'acme', secret: 'whsec_eA==' }),
      routes: {
        'invoice.paid': {
          op: 'billing.markPaid',
          input: (event) => {
            expectTypeOf(event).toEqualTypeOf<Paid>();
            return { invoiceId: event.data.invoiceId };
          },
        },
      },
    });
  });

  it('answers a Fetch Response, so it can be a Next.js route export', () => {
    const handler = makeWebhookHandler(registry, {
      verifier: stripeVerifier({ secret: 'whsec_x' }),
      routes: {},
    });
    expectTypeOf(handler).toEqualTypeOf<(request: Request) => Promise<Response>>();
  });
});
