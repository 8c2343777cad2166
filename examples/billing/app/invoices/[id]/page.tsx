import { randomUUID } from 'node:crypto';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { callOperation } from '@/lib/pages/call';
import { formatDate, formatMoney } from '@/lib/pages/format';
import { requireSession } from '@/lib/pages/session';
import type { InvoiceView } from '@/lib/pages/types';
import { billingRuntime } from '@/lib/runtime';
import { AuthenticationPanel } from './authentication-panel';
import { PayForm } from './pay-form';
import { RefreshWhile } from './refresh-while';
import { RefundForm } from './refund-form';

export default async function InvoicePage({ params }: { params: Promise<{ id: string }> }) {
  const session = await requireSession();
  const { id } = await params;
  const result = await callOperation<InvoiceView>('billing.getInvoice', { invoiceId: id });
  if (!result.ok) {
    if (result.error.code === 'NOT_FOUND' || result.error.code === 'INVALID_INPUT') notFound();
    throw new Error(result.error.message);
  }
  const invoice = result.output;
  const owner = invoice.ownerId === session.userId;
  const payment = invoice.payment;
  const { stripe } = await billingRuntime();
  return (
    <>
      <p>
        <Link href="/invoices">← Invoices</Link>
      </p>
      <h1>
        Invoice {invoice.number}{' '}
        <span className={`badge ${invoice.status}`} data-testid="status">
          {invoice.status}
        </span>
      </h1>
      <dl className="facts">
        <dt>Description</dt>
        <dd>{invoice.description}</dd>
        <dt>Amount</dt>
        <dd data-testid="amount">{formatMoney(invoice.amount)}</dd>
        <dt>Billed to</dt>
        <dd>{invoice.ownerName ?? invoice.ownerId}</dd>
        <dt>Created</dt>
        <dd>{formatDate(invoice.createdAt)}</dd>
        {invoice.paidAt === undefined ? null : (
          <>
            <dt>Paid</dt>
            <dd>{formatDate(invoice.paidAt)}</dd>
          </>
        )}
        {payment === undefined ? null : (
          <>
            <dt>Latest attempt</dt>
            <dd>
              #{payment.attemptNumber}: {payment.status}
              {payment.paymentIntentId === undefined ? null : <code> {payment.paymentIntentId}</code>}
            </dd>
          </>
        )}
      </dl>
      {invoice.status === 'paid' ? (
        <section className="panel ok" aria-labelledby="paid-title">
          <h2 id="paid-title">Paid</h2>
          {invoice.receiptUrl === undefined ? null : (
            <p>
              <a href={invoice.receiptUrl} data-testid="receipt">
                View the receipt
              </a>
            </p>
          )}
          <RefundForm invoiceId={invoice.id} idempotencyKey={randomUUID()} />
        </section>
      ) : null}
      {invoice.status === 'open' && invoice.lastError !== undefined ? (
        <p role="alert" className="error" data-testid="last-error">
          Last attempt: {invoice.lastError}
        </p>
      ) : null}
      {invoice.status === 'open' && owner ? (
        <PayForm invoiceId={invoice.id} idempotencyKey={randomUUID()} amount={formatMoney(invoice.amount)} />
      ) : null}
      {invoice.status === 'paying' && payment?.status === 'requires_action' && owner ? (
        <AuthenticationPanel invoiceId={invoice.id} emulated={stripe.mode === 'emulator'} />
      ) : null}
      {invoice.status === 'paying' ? (
        <p role="status" className="muted" data-testid="waiting">
          Waiting for Stripe to confirm the payment…
        </p>
      ) : null}
      <RefreshWhile active={invoice.status === 'paying'} intervalMs={1500} />
    </>
  );
}
