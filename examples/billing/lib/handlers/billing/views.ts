// Database rows as the operations answer them (the output models in lib/specs/billing/models.ts).
import type { InvoiceRow } from '@/lib/db/invoices';
import type { PaymentAttempt } from '@/lib/db/schema';

/** The `Invoice` output of a row, with its latest attempt; the client secret only for the owner. */
export function invoiceView(row: InvoiceRow, attempt: PaymentAttempt | undefined, viewerId: string) {
  return {
    id: row.id,
    number: row.number,
    description: row.description,
    amount: { amount: row.amount, currency: row.currency },
    status: row.status,
    ownerId: row.ownerId,
    ownerName: row.ownerName ?? undefined,
    createdAt: row.createdAt,
    paidAt: row.paidAt ?? undefined,
    refundedAt: row.refundedAt ?? undefined,
    receiptUrl: row.receiptUrl ?? undefined,
    lastError: row.lastError ?? undefined,
    payment: attempt === undefined ? undefined : attemptView(attempt, row.ownerId === viewerId),
  };
}

function attemptView(attempt: PaymentAttempt, forOwner: boolean) {
  const acting = forOwner && attempt.status === 'requires_action';
  return {
    attemptNumber: attempt.attemptNumber,
    status: attempt.status,
    paymentIntentId: attempt.paymentIntentId ?? undefined,
    clientSecret: acting ? (attempt.clientSecret ?? undefined) : undefined,
    nextActionUrl: acting ? (attempt.nextActionUrl ?? undefined) : undefined,
    errorCode: attempt.errorCode ?? undefined,
    declineCode: attempt.declineCode ?? undefined,
    message: attempt.errorMessage ?? undefined,
  };
}
