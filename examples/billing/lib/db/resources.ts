// Where the policy's resources come from. An invoice is looked up within the caller's tenant only,
// so another tenant's invoice is simply not found (and `hideExistence` answers 404 either way).
import type { SpecRegistry } from '@lssm/lib.contracts';
import { eq } from 'drizzle-orm';
import { billingRuntime } from '../runtime.js';
import { findInvoice } from './invoices.js';
import { users } from './schema.js';

function field(input: unknown, name: string): string | undefined {
  const value = (input as Record<string, unknown> | null)?.[name];
  return typeof value === 'string' ? value : undefined;
}

/** Registers the `invoice` (from `input.invoiceId`) and `member` (from `input.ownerId`) resolvers. */
export function registerResources(registry: SpecRegistry): void {
  registry.resources.register('invoice', async ({ input, ctx }) => {
    const id = field(input, 'invoiceId');
    if (id === undefined || typeof ctx.tenantId !== 'string') return null;
    return (await findInvoice((await billingRuntime()).database.db, ctx.tenantId, id)) ?? null;
  });
  registry.resources.register('member', async ({ input }) => {
    const id = field(input, 'ownerId');
    if (id === undefined) return null;
    const [user] = await (await billingRuntime()).database.db.select().from(users).where(eq(users.id, id));
    return user ?? null;
  });
}
