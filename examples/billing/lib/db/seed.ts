import { count, eq, sql } from 'drizzle-orm';
import type { BillingDb } from './database.js';
import { DEMO_INVOICES, DEMO_TENANTS, DEMO_USERS } from './demo-data.js';
import { newId } from './ids.js';
import { invoices, tenants, users } from './schema.js';

/** Seeds the demo data into an empty database (one transaction); answers whether it did. */
export async function seedDemoData(db: BillingDb): Promise<boolean> {
  return db.transaction(async (tx) => {
    // Servers starting together on one PostgreSQL: the first seeds, the others then see its rows.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('lssm-billing-seed'))`);
    const [row] = await tx.select({ n: count() }).from(tenants);
    if ((row?.n ?? 0) > 0) return false;
    await tx.insert(tenants).values([...DEMO_TENANTS]);
    await tx.insert(users).values([...DEMO_USERS]);
    const numbers = new Map<string, number>();
    for (const invoice of DEMO_INVOICES) {
      const owner = DEMO_USERS.find((u) => u.id === invoice.ownerId);
      if (owner === undefined) throw new Error(`demo invoice for unknown user ${invoice.ownerId}`);
      const n = (numbers.get(owner.tenantId) ?? 0) + 1;
      numbers.set(owner.tenantId, n);
      await tx.insert(invoices).values({
        id: newId('inv'),
        tenantId: owner.tenantId,
        number: `${owner.tenantId.toUpperCase()}-${String(n).padStart(4, '0')}`,
        ...invoice,
      });
    }
    return true;
  });
}

/** The next invoice number of a tenant (`ACME-0006`). */
export async function nextInvoiceNumber(db: BillingDb, tenantId: string): Promise<string> {
  const [row] = await db.select({ n: count() }).from(invoices).where(eq(invoices.tenantId, tenantId));
  return `${tenantId.toUpperCase()}-${String((row?.n ?? 0) + 1).padStart(4, '0')}`;
}
