// Phases 1 and 2 of a payment (see "The billing flow"): claim the invoice and store the attempt
// with its Stripe idempotency key in a transaction of their own, committed before Stripe is called;
// then call Stripe with that key. Phase 3 is ./record.ts.
import type Stripe from 'stripe';
import type { Database } from '../db/database.js';
import { newId } from '../db/ids.js';
import {
  attemptCounts,
  insertAttempt,
  invoiceById,
  latestAttempt,
  transitionInvoice,
} from '../db/invoices.js';
import type { InvoiceStatus, PaymentAttempt } from '../db/schema.js';
import { stripeKeyForAttempt } from './keys.js';
import { outcomeOfError, outcomeOfIntent, type PaymentOutcome } from './outcome.js';

/** What claiming an invoice for payment gave. */
export type Claim =
  | { readonly kind: 'claimed'; readonly attempt: PaymentAttempt; readonly resumed: boolean }
  | { readonly kind: 'refused'; readonly status: InvoiceStatus | undefined };

/**
 * Phase 1: `open -> paying` (compare-and-set) and a new attempt, in one committed transaction.
 * An invoice left `paying` by an attempt whose outcome is unknown is resumed by the same payer with
 * the same payment method: the same attempt, so the same Stripe key.
 */
export async function claimInvoice(
  database: Database,
  request: { readonly invoiceId: string; readonly userId: string; readonly paymentMethodId: string },
): Promise<Claim> {
  return database.driver.transaction(async (tx) => {
    const db = database.orm(tx);
    const invoice = await transitionInvoice(db, request.invoiceId, 'open', 'paying', { lastError: null });
    if (invoice === undefined) {
      const current = await invoiceById(db, request.invoiceId);
      const latest = current?.status === 'paying' ? await latestAttempt(db, request.invoiceId) : undefined;
      if (
        latest?.status === 'unknown' &&
        latest.userId === request.userId &&
        latest.paymentMethodId === request.paymentMethodId
      ) {
        return { kind: 'claimed', attempt: latest, resumed: true };
      }
      return { kind: 'refused', status: current?.status };
    }
    const attemptNumber = (await attemptCounts(db, invoice.id)).total + 1;
    const attempt = await insertAttempt(db, {
      id: newId('pay'),
      invoiceId: invoice.id,
      attemptNumber,
      idempotencyKey: stripeKeyForAttempt(invoice.id, attemptNumber),
      userId: request.userId,
      paymentMethodId: request.paymentMethodId,
      amount: invoice.amount,
      currency: invoice.currency,
    });
    return { kind: 'claimed', attempt, resumed: false };
  });
}

/**
 * The PaymentIntent request of an attempt: always the same for the same attempt, as Stripe's
 * idempotency requires. The amount is the invoice's, in minor units, never computed from a float.
 */
export function intentParams(attempt: PaymentAttempt): Stripe.PaymentIntentCreateParams {
  return {
    amount: attempt.amount,
    currency: attempt.currency.toLowerCase(),
    payment_method: attempt.paymentMethodId,
    confirm: true,
    automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    metadata: {
      invoiceId: attempt.invoiceId,
      attemptId: attempt.id,
      attemptNumber: String(attempt.attemptNumber),
    },
    expand: ['latest_charge'],
  };
}

/** Phase 2: asks Stripe to pay with the attempt's own idempotency key; never throws. */
export async function askStripe(stripe: Stripe, attempt: PaymentAttempt): Promise<PaymentOutcome> {
  try {
    const intent = await stripe.paymentIntents.create(intentParams(attempt), {
      idempotencyKey: attempt.idempotencyKey,
    });
    return outcomeOfIntent(intent);
  } catch (error) {
    return outcomeOfError(error);
  }
}
