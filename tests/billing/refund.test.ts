// A refund through the `billing.refundPayment` operation, in process: the app's registry and
// runtime (PGlite in a temporary folder, the app's migrations) against a real Stripe emulator,
// called through the framework's `execute` pipeline as the REST route would.
import { randomUUID } from 'node:crypto';
import { execute } from '@lssm/lib.contracts';
import type { StripeEmulator } from '@lssm/stripe-emulator';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoices } from '../../examples/billing/lib/db/schema.js';
import { registry } from '../../examples/billing/lib/registry.js';
import { billingRuntime } from '../../examples/billing/lib/runtime.js';
import { type InProcessBilling, startInProcessBilling } from './in-process.js';

type User = 'alice' | 'bob' | 'ada';
const ROLES: Record<User, 'member' | 'admin'> = { alice: 'member', bob: 'member', ada: 'admin' };

let app: InProcessBilling;
let emulator: StripeEmulator;

beforeAll(async () => {
  app = await startInProcessBilling('refund');
  emulator = app.emulator;
}, 60_000);

afterAll(async () => {
  await app?.close();
});

const call = (name: string, input: unknown, as: User) =>
  execute(registry, {
    name,
    input,
    transport: 'rest',
    idempotencyKey: randomUUID(),
    context: {
      actor: as === 'ada' ? 'admin' : 'user',
      userId: as,
      tenantId: 'acme',
      roles: [ROLES[as]],
    },
  });

async function paidInvoice(): Promise<string> {
  const created = await call(
    'billing.createInvoice',
    { ownerId: 'alice', description: 'refund test', amount: { amount: 4990, currency: 'USD' } },
    'ada',
  );
  if (!created.ok) throw created.error;
  const id = (created.output as { id: string }).id;
  const paid = await call(
    'billing.capturePayment',
    { invoiceId: id, paymentMethodId: 'pm_card_visa' },
    'alice',
  );
  if (!paid.ok) throw paid.error;
  return id;
}

async function invoiceRow(id: string) {
  const { database } = await billingRuntime();
  const [row] = await database.db.select().from(invoices).where(eq(invoices.id, id));
  return row;
}

describe('billing.refundPayment against the emulator', () => {
  it('lets the owner refund within the window: invoice refunded, one Stripe refund, audited', async () => {
    const id = await paidInvoice();
    const paid = await invoiceRow(id);
    expect(paid?.status).toBe('paid');

    const byBob = await call('billing.refundPayment', { invoiceId: id }, 'bob');
    expect(byBob.ok ? undefined : byBob.error.code).toBe('NOT_FOUND');

    const own = await call(
      'billing.refundPayment',
      { invoiceId: id, reason: 'requested_by_customer' },
      'alice',
    );
    expect(own.ok).toBe(true);
    const output = (own.ok ? own.output : {}) as { status?: string; refundId?: string };
    expect(output.status).toBe('refunded');
    expect((await invoiceRow(id))?.status).toBe('refunded');

    const refunds = emulator.refunds().filter((refund) => refund.payment_intent === paid?.paymentIntentId);
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ id: output.refundId, amount: 4990, reason: 'requested_by_customer' });
    expect(emulator.charges().find((c) => c.payment_intent === paid?.paymentIntentId)).toMatchObject({
      amount_refunded: 4990,
      refunded: true,
    });

    const again = await call('billing.refundPayment', { invoiceId: id }, 'alice');
    expect(again.ok ? undefined : again.error.code).toBe('NOT_REFUNDABLE');
    expect(emulator.refunds().filter((r) => r.payment_intent === paid?.paymentIntentId)).toHaveLength(1);

    const audit = await call('billing.listAudit', { limit: 20 }, 'ada');
    if (!audit.ok) throw audit.error;
    const entries = (audit.output as { chainIntact: boolean; entries: Array<Record<string, unknown>> })
      .entries;
    expect((audit.output as { chainIntact: boolean }).chainIntact).toBe(true);
    const refunded = entries.find(
      (entry) => entry.requestId === own.requestId && entry.operation === 'billing.refundPayment v1',
    );
    expect(refunded).toMatchObject({ actor: 'user alice', outcome: 'success' });
  });

  it('past the refund window only an admin may refund', async () => {
    const id = await paidInvoice();
    const { database } = await billingRuntime();
    await database.db
      .update(invoices)
      .set({ paidAt: new Date(Date.now() - 20 * 86_400_000) })
      .where(eq(invoices.id, id));

    const own = await call('billing.refundPayment', { invoiceId: id }, 'alice');
    expect(own.ok ? undefined : own.error.code).toBe('NOT_FOUND');
    expect((await invoiceRow(id))?.status).toBe('paid');

    const admin = await call('billing.refundPayment', { invoiceId: id }, 'ada');
    expect(admin.ok).toBe(true);
    expect((await invoiceRow(id))?.status).toBe('refunded');
    const intent = (await invoiceRow(id))?.paymentIntentId;
    expect(emulator.refunds().filter((r) => r.payment_intent === intent)).toHaveLength(1);
  });
});
