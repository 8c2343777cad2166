import type { HandlerContext, InputOf } from '@lssm/lib.contracts';
import { type InvoiceRow, latestAttempt } from '@/lib/db/invoices';
import { billingRuntime } from '@/lib/runtime';
import type { GetInvoice } from '@/lib/specs/billing/get-invoice';
import { invoiceView } from './views.js';

/** The invoice the policy loaded (owner, or an admin of its tenant), with its latest attempt. */
export async function handleGetInvoice(
  _input: InputOf<typeof GetInvoice>,
  ctx: HandlerContext<typeof GetInvoice>,
) {
  const invoice = ctx.resources.invoice as InvoiceRow; // what the `invoice` resolver loads (lib/db/resources.ts)
  const { database } = await billingRuntime();
  return invoiceView(invoice, await latestAttempt(database.db, invoice.id), ctx.userId);
}
