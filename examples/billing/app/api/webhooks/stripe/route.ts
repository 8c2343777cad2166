// Stripe's signed events -> billing.completePayment, as the system actor of the invoice's tenant.
// The signature and a two-sided time window are checked, and events are de-duplicated on their id.
import { ContractError } from '@lssm/lib.contracts';
import { makeWebhookHandler, stripeVerifier, systemContext } from '@lssm/lib.contracts/server/webhooks';
import type Stripe from 'stripe';
import { invoiceById } from '@/lib/db/invoices';
import { registry } from '@/lib/registry';
import { billingRuntime } from '@/lib/runtime';

type Handler = (request: Request) => Promise<Response>;

const completePayment = {
  op: 'billing.completePayment',
  input: (event: Stripe.PaymentIntentSucceededEvent | Stripe.PaymentIntentPaymentFailedEvent) => ({
    paymentIntentId: event.data.object.id,
  }),
};

async function makeHandler(): Promise<Handler> {
  const { stripe, database } = await billingRuntime();
  const secret = stripe.webhookSecret;
  if (secret === undefined) {
    return async () =>
      Response.json(
        {
          error: new ContractError(
            'UNAVAILABLE',
            'Set STRIPE_WEBHOOK_SECRET to receive Stripe webhooks',
          ).toJSON(),
        },
        { status: 503 },
      );
  }
  return makeWebhookHandler<Stripe.Event>(registry, {
    verifier: stripeVerifier({ secret }),
    routes: {
      'payment_intent.succeeded': completePayment,
      'payment_intent.payment_failed': completePayment,
    },
    async context(webhook) {
      const object = (webhook.event.data.object ?? {}) as { metadata?: Record<string, string> };
      const invoiceId = object.metadata?.invoiceId;
      const invoice = invoiceId === undefined ? undefined : await invoiceById(database.db, invoiceId);
      return { ...systemContext(webhook.source), tenantId: invoice?.tenantId };
    },
    onOutcome(outcome) {
      if (outcome.outcome === 'failed' || outcome.outcome === 'rejected') {
        console.warn(
          `billing: webhook ${outcome.eventType ?? '?'} ${outcome.eventId ?? ''} ${outcome.outcome} (${outcome.code ?? outcome.status})`,
        );
      }
    },
  });
}

let handler: Promise<Handler> | undefined;

export async function POST(request: Request): Promise<Response> {
  handler ??= makeHandler().catch((error: unknown) => {
    handler = undefined;
    throw error;
  });
  return (await handler)(request);
}
