// The app's data access for the tutorial fixture (written by us): an in-memory invoice table with
// the small Prisma-like API the tutorial's handler calls, and the policy's `invoice` resolver.
import { defineResource } from '@lssm/lib.contracts';

export interface Invoice {
  id: string;
  userId: string;
  tenantId: string;
  amount: number;
  currency: string;
  status: 'open' | 'paid';
  paidAt?: Date;
  transactionId?: string;
}

const invoices = new Map<string, Invoice>();

/** Replaces the table's content (tests seed it). */
export function seedInvoices(rows: readonly Invoice[]): void {
  invoices.clear();
  for (const row of rows) invoices.set(row.id, { ...row });
}

type Where = { id: string; userId?: string };

export const db = {
  invoice: {
    async findUnique({ where }: { where: Where }): Promise<Invoice | null> {
      const row = invoices.get(where.id);
      if (row === undefined || (where.userId !== undefined && row.userId !== where.userId)) return null;
      return { ...row };
    },
    async update({ where, data }: { where: { id: string }; data: Partial<Invoice> }): Promise<Invoice> {
      const row = invoices.get(where.id);
      if (row === undefined) throw new Error(`invoice ${where.id} does not exist`);
      Object.assign(row, data);
      return { ...row };
    },
  },
};

// Where the framework learns how to load an `invoice` for the spec's rule
// `{ resource: 'invoice', action: 'pay', condition: 'owner' }`: the built-in `owner` condition
// compares the invoice's `ownerId` (or `userId`) with the caller's `userId`.
defineResource('invoice', ({ input }) =>
  db.invoice.findUnique({ where: { id: (input as { invoiceId: string }).invoiceId } }),
);
