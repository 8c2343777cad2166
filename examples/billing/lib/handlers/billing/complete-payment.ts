import type { HandlerContext, InputOf } from '@lssm/lib.contracts';
import { eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { attemptByIntent } from '@/lib/db/invoices';
import { paymentAttempts } from '@/lib/db/schema';
import { outcomeOfIntent } from '@/lib/payments/outcome';
import { recordOutcome } from '@/lib/payments/record';
import { billingRuntime } from '@/lib/runtime';
import type { CompletePayment } from '@/lib/specs/billing/complete-payment';

/**
 * Run by Stripe's webhook: reads the PaymentIntent as it is now (an event may be late or out of
 * order; the current state is what counts) and records it. The attempt is found by the
 * PaymentIntent id, or by our metadata when the webhook beat the capture's own phase 3.
 */
export async function handleCompletePayment(
  input: InputOf<typeof CompletePayment>,
  ctx: HandlerContext<typeof CompletePayment>,
) {
  const { stripe } = await billingRuntime();
  const intent = await stripe.client.paymentIntents
    .retrieve(input.paymentIntentId, { expand: ['latest_charge'] })
    .catch((error: unknown) => {
      // An intent Stripe does not know is not ours: declined (acknowledged), not a 500 retried for days.
      if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404)
        throw ctx.fail('UNKNOWN_PAYMENT');
      throw error;
    });
  const attemptId = intent.metadata?.attemptId;
  const db = await ctx.tx.open();
  let attempt = await attemptByIntent(db, intent.id);
  if (attempt === undefined && typeof attemptId === 'string') {
    [attempt] = await db.select().from(paymentAttempts).where(eq(paymentAttempts.id, attemptId));
  }
  if (attempt === undefined || attempt.invoiceId !== intent.metadata?.invoiceId)
    throw ctx.fail('UNKNOWN_PAYMENT');
  const recorded = await recordOutcome(db, attempt, outcomeOfIntent(intent), ctx.now());
  if (recorded.paid !== undefined) {
    ctx.emit('billing.invoicePaid', {
      invoiceId: attempt.invoiceId,
      amount: { amount: attempt.amount, currency: attempt.currency },
      paymentIntentId: recorded.paid.intentId,
      paidAt: recorded.paid.paidAt,
    });
  }
  return { invoiceId: attempt.invoiceId, status: recorded.invoice.status, changed: recorded.changed };
}
