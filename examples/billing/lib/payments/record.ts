// Phase 3 of a payment: write what Stripe said onto the attempt and the invoice. Used by the
// capture itself, by the webhook (completePayment) and by the recovery job, in whichever order
// they come: an invoice only moves forward (a paid invoice stays paid), and only the latest
// attempt may reopen it.
import type { BillingDb } from '../db/database.js';
import {
  attemptCounts,
  invoiceById,
  latestAttempt,
  transitionInvoice,
  updateAttempt,
} from '../db/invoices.js';
import type { AttemptStatus, Invoice, PaymentAttempt } from '../db/schema.js';
import type { PaymentOutcome } from './outcome.js';

/** After this many declined attempts an invoice is `failed` (it stops card testing). */
export const MAX_DECLINED_ATTEMPTS = 5;

/** What recording an outcome did. */
export interface Recorded {
  readonly invoice: Invoice;
  /** The invoice's status changed. */
  readonly changed: boolean;
  /** Set when this recording moved the invoice to `paid` (emit `billing.invoicePaid` once). */
  readonly paid?: { readonly intentId: string; readonly paidAt: Date };
}

/**
 * Which statuses an attempt may leave for an outcome: never out of a final one, and `unknown`
 * (no answer) only over `pending` and `unknown`, so a late "no answer" never hides a real one.
 */
function movableFrom(outcome: PaymentOutcome): readonly AttemptStatus[] {
  return outcome.kind === 'unknown'
    ? ['pending', 'unknown']
    : ['pending', 'unknown', 'requires_action', 'processing'];
}

function attemptChanges(outcome: PaymentOutcome): Parameters<typeof updateAttempt>[3] {
  switch (outcome.kind) {
    case 'succeeded':
      return {
        status: 'succeeded',
        paymentIntentId: outcome.intentId,
        receiptUrl: outcome.receiptUrl ?? null,
        clientSecret: null,
        nextActionUrl: null,
      };
    case 'requires_action':
      return {
        status: 'requires_action',
        paymentIntentId: outcome.intentId,
        clientSecret: outcome.clientSecret ?? null,
        nextActionUrl: outcome.nextActionUrl ?? null,
      };
    case 'processing':
      return { status: 'processing', paymentIntentId: outcome.intentId };
    case 'declined':
      return {
        status: 'declined',
        ...(outcome.intentId === undefined ? {} : { paymentIntentId: outcome.intentId }),
        errorCode: outcome.code ?? 'card_declined',
        declineCode: outcome.declineCode ?? null,
        errorMessage: outcome.message,
        clientSecret: null,
        nextActionUrl: null,
      };
    case 'canceled':
      return {
        status: 'canceled',
        paymentIntentId: outcome.intentId,
        clientSecret: null,
        nextActionUrl: null,
      };
    case 'rejected':
      return { status: 'canceled', errorCode: outcome.code ?? 'rejected', errorMessage: outcome.message };
    case 'unknown':
      return {
        status: 'unknown',
        ...(outcome.intentId === undefined ? {} : { paymentIntentId: outcome.intentId }),
        errorMessage: outcome.message,
      };
  }
}

/** Records `outcome` for `attempt` with `db` (a transaction); see the module comment for the rules. */
export async function recordOutcome(
  db: BillingDb,
  attempt: PaymentAttempt,
  outcome: PaymentOutcome,
  now: Date,
): Promise<Recorded> {
  await updateAttempt(db, attempt.id, movableFrom(outcome), attemptChanges(outcome));
  const invoice = await invoiceById(db, attempt.invoiceId);
  if (invoice === undefined) throw new Error(`attempt ${attempt.id} names a missing invoice`);

  if (outcome.kind === 'succeeded') {
    // Money moved: from paying (the usual way) or open (an attempt given up on that succeeded after all).
    for (const from of ['paying', 'open'] as const) {
      const paid = await transitionInvoice(db, invoice.id, from, 'paid', {
        paymentIntentId: outcome.intentId,
        receiptUrl: outcome.receiptUrl ?? null,
        paidAt: now,
        lastError: null,
      });
      if (paid !== undefined)
        return { invoice: paid, changed: true, paid: { intentId: outcome.intentId, paidAt: now } };
    }
    if (invoice.status === 'paid' && invoice.paymentIntentId !== outcome.intentId) {
      console.warn(
        `billing: invoice ${invoice.id} was paid twice (${invoice.paymentIntentId}, ${outcome.intentId}): refund one`,
      );
    }
    return { invoice, changed: false };
  }

  const ended = outcome.kind === 'declined' || outcome.kind === 'canceled' || outcome.kind === 'rejected';
  if (!ended || invoice.status !== 'paying') return { invoice, changed: false };
  if ((await latestAttempt(db, invoice.id))?.id !== attempt.id) return { invoice, changed: false };
  const { declined } = await attemptCounts(db, invoice.id);
  const to = declined >= MAX_DECLINED_ATTEMPTS ? 'failed' : 'open';
  const message = outcome.kind === 'canceled' ? 'The payment was canceled.' : outcome.message;
  const reopened = await transitionInvoice(db, invoice.id, 'paying', to, { lastError: message });
  return reopened === undefined ? { invoice, changed: false } : { invoice: reopened, changed: true };
}
