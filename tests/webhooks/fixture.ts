// Shared by the webhook end-to-end tests: a billing registry whose `completePayment` admits only the
// system actor, the two signature schemes (Stripe and Standard Webhooks) signed with their real
// libraries, and real node:http servers on 127.0.0.1, port 0.
import { randomBytes } from 'node:crypto';
import {
  defineCommand,
  defineEvent,
  installOp,
  MemoryAuditSink,
  MemoryOutbox,
  SpecRegistry,
} from '@lssm/lib.contracts';
import {
  makeWebhookHandler,
  type StandardWebhookEvent,
  standardWebhooksVerifier,
  stripeVerifier,
  type WebhookHandlerBaseOptions,
} from '@lssm/lib.contracts/server/webhooks';
import { ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';
import { Webhook } from 'standardwebhooks';
import Stripe from 'stripe';

const CompletePaymentInput = new SchemaModel({
  name: 'CompletePaymentInput',
  fields: {
    paymentIntentId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false },
    amount: { type: ScalarTypeEnum.PositiveInt(), isOptional: false },
  },
});
const PaymentStatus = new SchemaModel({
  name: 'PaymentStatus',
  fields: { status: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false } },
});

export const PaymentCompleted = defineEvent({
  meta: {
    name: 'billing.paymentCompleted',
    version: 1,
    description: 'A payment completed',
    owners: ['team-billing'],
  },
  payload: CompletePaymentInput,
});

/** Runs only for the system actor (`auth: 'system'`), and only from webhooks. */
export const CompletePayment = defineCommand({
  meta: {
    name: 'billing.completePayment',
    version: 1,
    description: 'Record a payment the provider confirmed',
    owners: ['team-billing'],
    stability: 'stable',
  },
  io: {
    input: CompletePaymentInput,
    output: PaymentStatus,
    errors: { PAYMENT_REFUNDED: { status: 409, description: 'The payment was refunded meanwhile' } },
  },
  policy: { auth: 'system' },
  exposure: { rest: false, graphql: false, mcp: false },
  events: [PaymentCompleted],
});

/** The registry, its in-memory ports, and the effects the operation had. */
export function makeBilling() {
  const audit = new MemoryAuditSink();
  const outbox = new MemoryOutbox();
  const registry = new SpecRegistry({ audit, outbox, tracer: false });
  const state = {
    effects: [] as string[],
    failures: 0,
    delayMs: 0,
    gate: undefined as Promise<void> | undefined,
  };
  installOp(registry, CompletePayment, async (input, ctx) => {
    if (state.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, state.delayMs));
    if (state.gate !== undefined) await state.gate;
    if (state.failures > 0) {
      state.failures--;
      throw new Error('the database is down');
    }
    if (input.paymentIntentId === 'pi_refunded') throw ctx.fail('PAYMENT_REFUNDED');
    state.effects.push(input.paymentIntentId);
    ctx.emit('billing.paymentCompleted', input);
    return { status: 'paid' };
  });
  const records = () => audit.records().filter((r) => r.operation.name === 'billing.completePayment');
  return { registry, audit, outbox, state, records };
}

export { type Listening as Running, listen } from '../support/listen.js';

/** What the handler takes besides its verifier and routes. */
export type ExtraOptions = Omit<WebhookHandlerBaseOptions<{ type: string }>, 'verifier' | 'routes'>;

/** One signature scheme, signed with its provider's real library. */
export interface Scheme {
  readonly name: string;
  readonly source: string;
  newSecret(): string;
  handler(
    registry: SpecRegistry,
    secret: string | string[],
    extra?: ExtraOptions,
  ): (request: Request) => Promise<Response>;
  /** The body of a payment event (the event id is in it for Stripe, in a header for Standard Webhooks). */
  body(eventId: string, paymentIntentId: string, amount: number, type?: string): string;
  headers(eventId: string, body: string, secret: string, timestampSeconds: number): Record<string, string>;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

export const stripeScheme: Scheme = {
  name: 'Stripe-Signature',
  source: 'stripe',
  newSecret: () => `whsec_${randomBytes(16).toString('hex')}`,
  handler: (registry, secret, extra = {}) =>
    makeWebhookHandler(registry, {
      ...extra,
      verifier: stripeVerifier({ secret }),
      routes: {
        'payment_intent.succeeded': {
          op: CompletePayment,
          input: (event) => ({ paymentIntentId: event.data.object.id, amount: event.data.object.amount }),
        },
      },
    }),
  body: (eventId, paymentIntentId, amount, type = 'payment_intent.succeeded') =>
    JSON.stringify({
      id: eventId,
      object: 'event',
      type,
      api_version: '2025-09-30.clover',
      created: nowSeconds(),
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      data: {
        object: {
          id: paymentIntentId,
          object: 'payment_intent',
          amount,
          currency: 'usd',
          status: 'succeeded',
        },
      },
    }),
  headers: (_eventId, body, secret, timestamp) => ({
    'content-type': 'application/json; charset=utf-8',
    'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp }),
  }),
};

type PaymentEvent = StandardWebhookEvent & {
  readonly data: { readonly id: string; readonly amount: number };
};

export const standardScheme: Scheme = {
  name: 'Standard Webhooks',
  source: 'acme',
  newSecret: () => `whsec_${randomBytes(24).toString('base64')}`,
  handler: (registry, secret, extra = {}) =>
    makeWebhookHandler(registry, {
      ...extra,
      verifier: standardWebhooksVerifier<PaymentEvent>({ source: 'acme', secret }),
      routes: {
        'payment.succeeded': {
          op: 'billing.completePayment',
          input: (event) => ({ paymentIntentId: event.data.id, amount: event.data.amount }),
        },
      },
    }),
  body: (_eventId, paymentIntentId, amount, type = 'payment.succeeded') =>
    JSON.stringify({ type, timestamp: new Date().toISOString(), data: { id: paymentIntentId, amount } }),
  headers: (eventId, body, secret, timestamp) => ({
    'content-type': 'application/json',
    'webhook-id': eventId,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': new Webhook(secret).sign(eventId, new Date(timestamp * 1000), body),
  }),
};
