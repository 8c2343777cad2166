// Stripe's signed events -> billing.completePayment, as the system actor of the invoice's tenant.
// The signature and a two-sided time window are checked, and events are de-duplicated on their id.
import { ContractError } from '@lssm/lib.contracts';
import { makeWebhookHandler, stripeVerifier, systemContext } from '@lssm/lib.contracts/server/webhooks';
import type Stripe from 'stripe';
import { invoiceById } from '@/lib/db/invoices';
import { registry } from '@/lib/registry';
import { billingRuntime } from '@/lib/runtime';

type Handler = (request: Request) => Promise<Response>;

type IntentEvent = Stripe.PaymentIntentSucceededEvent | Stripe.PaymentIntentPaymentFailedEvent;

/**
 * The event's `data.object`, when it is an object. Stripe documents the shape, but a signed event
 * of another shape must get a 400 (INVALID_INPUT from the pipeline), not a TypeError and a 500.
 */
function objectOf(event: Stripe.Event): Readonly<Record<string, unknown>> | undefined {
  const data: unknown = event.data;
  const object =
    typeof data === 'object' && data !== null ? (data as { object?: unknown }).object : undefined;
  return typeof object === 'object' && object !== null ? (object as Record<string, unknown>) : undefined;
}

/** Our invoice ids (lib/db/ids.ts); anything else is not looked up (PostgreSQL refuses NUL in text). */
const INVOICE_ID = /^inv_[A-Za-z0-9_-]{1,64}$/;

/** The `metadata.invoiceId` we set on our PaymentIntents, when it is one of our invoice ids. */
function invoiceIdOf(event: Stripe.Event): string | undefined {
  const metadata = objectOf(event)?.metadata;
  const id =
    typeof metadata === 'object' && metadata !== null
      ? (metadata as { invoiceId?: unknown }).invoiceId
      : undefined;
  return typeof id === 'string' && INVOICE_ID.test(id) ? id : undefined;
}

/** A value from a signed event, fit for one log line: printable ASCII ids and types only. */
function loggable(value: string | undefined): string {
  return value !== undefined && /^[A-Za-z][\w.:-]{0,99}$/.test(value) && !/\d{13}/.test(value) ? value : '?';
}

const completePayment = {
  op: 'billing.completePayment',
  // Not a string when the event is malformed: the pipeline's validation answers it.
  input: (event: IntentEvent) => ({ paymentIntentId: objectOf(event)?.id }),
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
      const invoiceId = invoiceIdOf(webhook.event);
      const invoice = invoiceId === undefined ? undefined : await invoiceById(database.db, invoiceId);
      return { ...systemContext(webhook.source), tenantId: invoice?.tenantId };
    },
    onOutcome(outcome) {
      if (outcome.outcome === 'failed' || outcome.outcome === 'rejected') {
        console.warn(
          `billing: webhook ${loggable(outcome.eventType)} ${loggable(outcome.eventId)} ${outcome.outcome} (${outcome.code ?? outcome.status})`,
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
