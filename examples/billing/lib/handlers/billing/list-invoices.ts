import type { HandlerContext, InputOf } from '@lssm/lib.contracts';
import { isAdmin } from '@lssm/lib.contracts';
import { listInvoices } from '@/lib/db/invoices';
import { billingRuntime } from '@/lib/runtime';
import type { ListInvoices } from '@/lib/specs/billing/list-invoices';
import { invoiceView } from './views.js';

/** Members get their own invoices; admins every invoice of their tenant. */
export async function handleListInvoices(
  input: InputOf<typeof ListInvoices>,
  ctx: HandlerContext<typeof ListInvoices>,
) {
  const tenantId = ctx.tenantId;
  if (typeof tenantId !== 'string') return { invoices: [] };
  const { database } = await billingRuntime();
  const rows = await listInvoices(database.db, {
    tenantId,
    ...(isAdmin(ctx) ? {} : { ownerId: ctx.userId }),
    ...(input.status === undefined ? {} : { status: input.status }),
    limit: input.limit ?? 50,
  });
  return { invoices: rows.map((row) => invoiceView(row, undefined, ctx.userId)) };
}
