import { randomUUID } from 'node:crypto';
import Link from 'next/link';
import { callOperation } from '@/lib/pages/call';
import { formatDate, formatMoney } from '@/lib/pages/format';
import { requireSession } from '@/lib/pages/session';
import type { InvoiceView } from '@/lib/pages/types';
import { NewInvoiceForm } from './new-invoice-form';

export default async function InvoicesPage() {
  const session = await requireSession();
  const result = await callOperation<{ invoices: InvoiceView[] }>('billing.listInvoices', {});
  const admin = session.role === 'admin';
  return (
    <>
      <h1>{admin ? 'Invoices of your organisation' : 'My invoices'}</h1>
      {!result.ok ? (
        <p role="alert" className="error">
          {result.error.message}
        </p>
      ) : result.output.invoices.length === 0 ? (
        <p>No invoices.</p>
      ) : (
        <table>
          <caption className="muted">
            Newest first. Amounts are exact: integer minor units of each currency.
          </caption>
          <thead>
            <tr>
              <th scope="col">Invoice</th>
              <th scope="col">Description</th>
              {admin ? <th scope="col">Billed to</th> : null}
              <th scope="col" className="amount">
                Amount
              </th>
              <th scope="col">Status</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {result.output.invoices.map((invoice) => (
              <tr key={invoice.id} data-testid={`invoice-${invoice.id}`}>
                <td>
                  <Link href={`/invoices/${invoice.id}`}>{invoice.number}</Link>
                </td>
                <td>{invoice.description}</td>
                {admin ? <td>{invoice.ownerName ?? invoice.ownerId}</td> : null}
                <td className="amount">{formatMoney(invoice.amount)}</td>
                <td>
                  <span className={`badge ${invoice.status}`}>{invoice.status}</span>
                </td>
                <td>{formatDate(invoice.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {admin ? <NewInvoiceForm idempotencyKey={randomUUID()} /> : null}
    </>
  );
}
