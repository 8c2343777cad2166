import { ContractError, type HandlerContext, type InputOf } from '@lssm/lib.contracts';
import Stripe from 'stripe';
import { type InvoiceRow, transitionInvoice } from '@/lib/db/invoices';
import { stripeKeyForRefund } from '@/lib/payments/keys';
import { billingRuntime } from '@/lib/runtime';
import type { RefundPayment } from '@/lib/specs/billing/refund-payment';

/**
 * Refunds a paid invoice in full. The Stripe key is derived from the invoice, so a retry (or two
 * admins at once) makes one refund; the invoice moves `paid -> refunded` with the event and the
 * audit record in one transaction.
 */
export async function handleRefundPayment(
  input: InputOf<typeof RefundPayment>,
  ctx: HandlerContext<typeof RefundPayment>,
) {
  const invoice = ctx.resources.invoice as InvoiceRow; // what the `invoice` resolver loads (lib/db/resources.ts)
  if (invoice.status !== 'paid' || invoice.paymentIntentId === null) throw ctx.fail('NOT_REFUNDABLE');
  const { stripe } = await billingRuntime();
  let refund: Stripe.Refund;
  try {
    refund = await stripe.client.refunds.create(
      {
        payment_intent: invoice.paymentIntentId,
        ...(input.reason === undefined ? {} : { reason: input.reason }),
      },
      { idempotencyKey: stripeKeyForRefund(invoice.id) },
    );
  } catch (error) {
    if (error instanceof Stripe.errors.StripeInvalidRequestError)
      throw ctx.fail('NOT_REFUNDABLE', error.message);
    throw new ContractError('UNAVAILABLE', 'Stripe did not answer; try again (the refund is made once)', {
      retryAfterSeconds: 10,
      cause: error,
    });
  }
  const db = await ctx.tx.open();
  const refunded = await transitionInvoice(db, invoice.id, 'paid', 'refunded', {
    refundedAt: ctx.now(),
    refundId: refund.id,
  });
  if (refunded === undefined) throw ctx.fail('NOT_REFUNDABLE', 'The invoice changed meanwhile');
  ctx.emit('billing.invoiceRefunded', {
    invoiceId: invoice.id,
    amount: { amount: invoice.amount, currency: invoice.currency },
    refundId: refund.id,
  });
  return { invoiceId: invoice.id, status: refunded.status, refundId: refund.id };
}
