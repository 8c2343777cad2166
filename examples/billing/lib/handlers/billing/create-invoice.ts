import type { HandlerContext, InputOf } from '@lssm/lib.contracts';
import { currencyExponent } from '@lssm/lib.schema';
import { eq } from 'drizzle-orm';
import { newId } from '@/lib/db/ids';
import { findInvoice } from '@/lib/db/invoices';
import { invoices, tenants, type User } from '@/lib/db/schema';
import { nextInvoiceNumber } from '@/lib/db/seed';
import type { CreateInvoice } from '@/lib/specs/billing/create-invoice';
import { invoiceView } from './views.js';

/** Bills a member of the admin's tenant (the policy checked the tenant). */
export async function handleCreateInvoice(
  input: InputOf<typeof CreateInvoice>,
  ctx: HandlerContext<typeof CreateInvoice>,
) {
  const { amount, currency } = input.amount;
  // Stripe charges three-decimal currencies in tens of their minor unit only.
  if (currencyExponent(currency) === 3 && amount % 10 !== 0) throw ctx.fail('AMOUNT_NOT_CHARGEABLE');
  const owner = ctx.resources.member as User; // what the `member` resolver loads (lib/db/resources.ts)
  const db = await ctx.tx.open();
  // Locking the tenant row numbers its invoices one at a time.
  await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, owner.tenantId)).for('update');
  const id = newId('inv');
  await db.insert(invoices).values({
    id,
    tenantId: owner.tenantId,
    ownerId: owner.id,
    number: await nextInvoiceNumber(db, owner.tenantId),
    description: input.description,
    amount,
    currency,
  });
  const row = await findInvoice(db, owner.tenantId, id);
  if (row === undefined) throw new Error('the new invoice was not found');
  ctx.emit('billing.invoiceCreated', { invoiceId: id, ownerId: owner.id, amount: input.amount });
  return invoiceView(row, undefined, ctx.userId);
}
