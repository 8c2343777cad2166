// Reads and writes of invoices and payment attempts (Drizzle). Status changes are compare-and-set:
// each names the status it expects, and reports whether it won.
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { BillingDb } from './database.js';
import {
  type AttemptStatus,
  type Invoice,
  type InvoiceStatus,
  invoices,
  type PaymentAttempt,
  paymentAttempts,
  users,
} from './schema.js';

/** An invoice with its owner's name. */
export type InvoiceRow = Invoice & { readonly ownerName: string | null };

/** One invoice of a tenant (a tenant never sees another's invoices). */
export async function findInvoice(
  db: BillingDb,
  tenantId: string,
  id: string,
): Promise<InvoiceRow | undefined> {
  const [row] = await db
    .select({ invoice: invoices, ownerName: users.name })
    .from(invoices)
    .leftJoin(users, eq(users.id, invoices.ownerId))
    .where(and(eq(invoices.id, id), eq(invoices.tenantId, tenantId)));
  return row === undefined ? undefined : { ...row.invoice, ownerName: row.ownerName };
}

/** Invoices of a tenant, newest first; only one owner's when `ownerId` is given. */
export async function listInvoices(
  db: BillingDb,
  filter: { tenantId: string; ownerId?: string; status?: InvoiceStatus; limit: number },
): Promise<InvoiceRow[]> {
  const conditions = [eq(invoices.tenantId, filter.tenantId)];
  if (filter.ownerId !== undefined) conditions.push(eq(invoices.ownerId, filter.ownerId));
  if (filter.status !== undefined) conditions.push(eq(invoices.status, filter.status));
  const rows = await db
    .select({ invoice: invoices, ownerName: users.name })
    .from(invoices)
    .leftJoin(users, eq(users.id, invoices.ownerId))
    .where(and(...conditions))
    .orderBy(desc(invoices.createdAt), desc(invoices.number))
    .limit(filter.limit);
  return rows.map((row) => ({ ...row.invoice, ownerName: row.ownerName }));
}

/** Moves an invoice from `from` to `to` if it is still in `from`; the updated row, or undefined. */
export async function transitionInvoice(
  db: BillingDb,
  id: string,
  from: InvoiceStatus,
  to: InvoiceStatus,
  changes: Partial<
    Pick<Invoice, 'paymentIntentId' | 'receiptUrl' | 'lastError' | 'paidAt' | 'refundedAt' | 'refundId'>
  > = {},
): Promise<Invoice | undefined> {
  const [row] = await db
    .update(invoices)
    .set({ ...changes, status: to, version: sql`${invoices.version} + 1`, updatedAt: new Date() })
    .where(and(eq(invoices.id, id), eq(invoices.status, from)))
    .returning();
  return row;
}

/** The latest payment attempt of an invoice. */
export async function latestAttempt(db: BillingDb, invoiceId: string): Promise<PaymentAttempt | undefined> {
  const [row] = await db
    .select()
    .from(paymentAttempts)
    .where(eq(paymentAttempts.invoiceId, invoiceId))
    .orderBy(desc(paymentAttempts.attemptNumber))
    .limit(1);
  return row;
}

/** How many attempts an invoice had, and how many of them were declined. */
export async function attemptCounts(
  db: BillingDb,
  invoiceId: string,
): Promise<{ total: number; declined: number }> {
  const [row] = await db
    .select({
      total: sql<number>`count(*)::int`,
      declined: sql<number>`count(*) filter (where ${paymentAttempts.status} = 'declined')::int`,
    })
    .from(paymentAttempts)
    .where(eq(paymentAttempts.invoiceId, invoiceId));
  return { total: row?.total ?? 0, declined: row?.declined ?? 0 };
}

/** Stores a new attempt. */
export async function insertAttempt(
  db: BillingDb,
  attempt: typeof paymentAttempts.$inferInsert,
): Promise<PaymentAttempt> {
  const [row] = await db.insert(paymentAttempts).values(attempt).returning();
  if (row === undefined) throw new Error('the attempt was not stored');
  return row;
}

/** Updates an attempt (its Stripe answer) if it is still in one of the `from` statuses. */
export async function updateAttempt(
  db: BillingDb,
  id: string,
  from: readonly AttemptStatus[],
  changes: Partial<Omit<PaymentAttempt, 'id' | 'invoiceId' | 'attemptNumber' | 'idempotencyKey'>>,
): Promise<void> {
  await db
    .update(paymentAttempts)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(paymentAttempts.id, id), inArray(paymentAttempts.status, [...from])));
}

/** The attempt that created a PaymentIntent. */
export async function attemptByIntent(
  db: BillingDb,
  paymentIntentId: string,
): Promise<PaymentAttempt | undefined> {
  const [row] = await db
    .select()
    .from(paymentAttempts)
    .where(eq(paymentAttempts.paymentIntentId, paymentIntentId));
  return row;
}

/** An invoice by id, whatever its tenant (system work only: webhooks, recovery). */
export async function invoiceById(db: BillingDb, id: string): Promise<Invoice | undefined> {
  const [row] = await db.select().from(invoices).where(eq(invoices.id, id));
  return row;
}

/** Unfinished attempts last touched before `before`, of one tenant or of all. */
export async function unfinishedAttempts(
  db: BillingDb,
  before: Date,
  tenantId: string | undefined,
): Promise<PaymentAttempt[]> {
  const unfinished: AttemptStatus[] = ['pending', 'unknown', 'processing', 'requires_action'];
  const rows = await db
    .select({ attempt: paymentAttempts })
    .from(paymentAttempts)
    .innerJoin(invoices, eq(invoices.id, paymentAttempts.invoiceId))
    .where(
      and(
        inArray(paymentAttempts.status, unfinished),
        lt(paymentAttempts.updatedAt, before),
        eq(invoices.status, 'paying'),
        tenantId === undefined ? undefined : eq(invoices.tenantId, tenantId),
      ),
    )
    .orderBy(paymentAttempts.createdAt)
    .limit(100);
  return rows.map((row) => row.attempt);
}
