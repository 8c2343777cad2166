/**
 * The Stripe idempotency key of one payment attempt: derived from the invoice and the attempt
 * number, and stored with the attempt before Stripe is called, so a retry or the recovery job sends
 * the very same key (and Stripe answers with the same PaymentIntent instead of charging again).
 * @example stripeKeyForAttempt('inv_4fJq', 2) === 'billing:inv_4fJq:attempt:2'
 */
export function stripeKeyForAttempt(invoiceId: string, attemptNumber: number): string {
  return `billing:${invoiceId}:attempt:${attemptNumber}`;
}

/** The Stripe idempotency key of an invoice's (one, full) refund. */
export function stripeKeyForRefund(invoiceId: string): string {
  return `billing:${invoiceId}:refund`;
}
