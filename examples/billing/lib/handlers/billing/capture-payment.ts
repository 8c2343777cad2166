// The tutorial's handler, production-grade (examples/billing/README.md compares the two).
import { ContractError, type HandlerContext, type InputOf } from '@lssm/lib.contracts';
import { attemptCounts } from '@/lib/db/invoices';
import type { PaymentAttempt } from '@/lib/db/schema';
import { askStripe, claimInvoice } from '@/lib/payments/capture';
import type { PaymentOutcome } from '@/lib/payments/outcome';
import { MAX_DECLINED_ATTEMPTS, recordOutcome } from '@/lib/payments/record';
import { billingRuntime } from '@/lib/runtime';
import type { CapturePayment } from '@/lib/specs/billing/capture-payment';

type Ctx = HandlerContext<typeof CapturePayment>;

function refusal(ctx: Ctx, status: string | undefined): ContractError {
  if (status === 'paid') return ctx.fail('ALREADY_PAID');
  if (status === 'paying') return ctx.fail('PAYMENT_IN_PROGRESS');
  return ctx.fail('INVOICE_NOT_PAYABLE');
}

async function failure(ctx: Ctx, attempt: PaymentAttempt, outcome: PaymentOutcome): Promise<ContractError> {
  if (outcome.kind === 'declined') {
    const { database } = await billingRuntime();
    const { declined } = await attemptCounts(database.db, attempt.invoiceId);
    return ctx.fail('CARD_DECLINED', outcome.message, {
      attemptNumber: attempt.attemptNumber,
      declineCode: outcome.declineCode,
      attemptsLeft: Math.max(0, MAX_DECLINED_ATTEMPTS - declined),
    });
  }
  if (outcome.kind === 'unknown') {
    return new ContractError(
      'UNAVAILABLE',
      'Stripe did not answer. Retry with the same card: it will not be charged twice.',
      {
        retryAfterSeconds: 10,
      },
    );
  }
  return ctx.fail(
    'PAYMENT_REJECTED',
    outcome.kind === 'rejected' ? outcome.message : 'The payment was canceled.',
  );
}

/**
 * Pays an invoice in three phases: (1) claim it and store the attempt with its Stripe key, committed;
 * (2) ask Stripe with that key; (3) record the answer. Success is recorded in the pipeline's
 * transaction with the audit record and the `billing.invoicePaid` event; a decline is recorded in
 * a transaction of its own (the pipeline's rolls back on the error) before the error is answered.
 */
export async function handleCapturePayment(input: InputOf<typeof CapturePayment>, ctx: Ctx) {
  const { database, stripe } = await billingRuntime();
  const claim = await claimInvoice(database, {
    invoiceId: input.invoiceId,
    userId: ctx.userId,
    paymentMethodId: input.paymentMethodId,
  });
  if (claim.kind === 'refused') throw refusal(ctx, claim.status);
  const { attempt } = claim;

  const outcome = await askStripe(stripe.client, attempt);

  if (outcome.kind !== 'succeeded' && outcome.kind !== 'requires_action' && outcome.kind !== 'processing') {
    await database.driver.transaction((tx) => recordOutcome(database.orm(tx), attempt, outcome, ctx.now()));
    throw await failure(ctx, attempt, outcome);
  }
  const recorded = await recordOutcome(await ctx.tx.open(), attempt, outcome, ctx.now());
  if (recorded.paid !== undefined) {
    ctx.emit('billing.invoicePaid', {
      invoiceId: attempt.invoiceId,
      amount: { amount: attempt.amount, currency: attempt.currency },
      paymentIntentId: recorded.paid.intentId,
      paidAt: recorded.paid.paidAt,
    });
  }
  return {
    invoiceId: attempt.invoiceId,
    transactionId: outcome.intentId,
    status: outcome.kind,
    receiptUrl:
      outcome.kind === 'succeeded' ? (recorded.invoice.receiptUrl ?? outcome.receiptUrl) : undefined,
    clientSecret: outcome.kind === 'requires_action' ? outcome.clientSecret : undefined,
    nextActionUrl: outcome.kind === 'requires_action' ? outcome.nextActionUrl : undefined,
  };
}
