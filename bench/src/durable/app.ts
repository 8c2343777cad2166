// The tutorial's capture on the PostgreSQL ports: the invoice owner rule (invoice read from
// PostgreSQL), a required idempotency key, one event per capture (outbox) and the audit chain, all
// in one transaction. The handler stands in for Stripe: it records the payment in a table.
import { type BaseContext, defineCommand, defineEvent, installOp, SpecRegistry } from '@lssm/lib.contracts';
import type { Driver, PostgresRuntime, SqlTransaction } from '@lssm/lib.postgres';
import { ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';
import { CapturePayment as TutorialCapture } from '../pipeline/tutorial-op.js';

/** Invoices seeded (all owned by alice); captures go round them. */
export const INVOICES = 1000;

const PaymentCaptured = defineEvent({
  meta: {
    name: 'billing.paymentCaptured',
    version: 1,
    description: 'A payment was captured',
    owners: ['team-billing'],
  },
  payload: new SchemaModel({
    name: 'PaymentCaptured',
    fields: {
      invoiceId: { type: ScalarTypeEnum.String(), isOptional: false },
      transactionId: { type: ScalarTypeEnum.String(), isOptional: false },
      amount: { type: ScalarTypeEnum.Number(), isOptional: false },
    },
  }),
});

/** The tutorial's spec, with its event and a required idempotency key (as the billing example). */
export const DurableCapture = defineCommand({
  meta: TutorialCapture.meta,
  io: TutorialCapture.io,
  policy: TutorialCapture.policy,
  events: [PaymentCaptured],
  idempotency: { required: true, ttlSeconds: 86_400 },
});

/** The app's own tables, in the package's schema. */
export function appTablesSql(schema: string): string {
  return `CREATE TABLE IF NOT EXISTS "${schema}".invoices (
  id text PRIMARY KEY, owner_id text NOT NULL, tenant_id text, status text NOT NULL);
CREATE TABLE IF NOT EXISTS "${schema}".payments (
  request_id text PRIMARY KEY, invoice_id text NOT NULL, amount double precision NOT NULL,
  transaction_id text NOT NULL, idempotency_key text);
INSERT INTO "${schema}".invoices (id, owner_id, tenant_id, status)
  SELECT 'inv_' || i, 'alice', NULL, 'open' FROM generate_series(0, ${INVOICES - 1}) AS i
  ON CONFLICT DO NOTHING;`;
}

/** `Authorization: Bearer <user>` signs in as that user; anything else is anonymous. */
export function contextFrom(authorization: string | undefined): BaseContext {
  const user = /^Bearer ([a-z0-9_-]{1,40})$/.exec(authorization ?? '')?.[1];
  return user === undefined ? { actor: 'anonymous' } : { actor: 'user', userId: user };
}

/** The registry on the PostgreSQL ports: the capture op and the invoice resolver. */
export function durableRegistry(pg: PostgresRuntime, driver: Driver): SpecRegistry {
  const registry = new SpecRegistry({ ...pg, tracer: false });
  const s = `"${pg.schema}"`;
  registry.resources.register('invoice', async ({ input }) => {
    const { rows } = await driver.query<{ id: string; owner_id: string; tenant_id: string | null }>(
      `SELECT id, owner_id, tenant_id FROM ${s}.invoices WHERE id = $1`,
      [(input as { invoiceId: string }).invoiceId],
    );
    const row = rows[0];
    return row === undefined ? undefined : { id: row.id, ownerId: row.owner_id, tenantId: row.tenant_id };
  });
  installOp(registry, DurableCapture, async (input, ctx) => {
    const transactionId = `pi_${ctx.call.requestId}`;
    // The unit of work hands the handler its SQL transaction (the PostgreSQL runtime's).
    const tx = ctx.tx as SqlTransaction;
    await tx.query(
      `INSERT INTO ${s}.payments (request_id, invoice_id, amount, transaction_id, idempotency_key)
       VALUES ($1, $2, $3, $4, $5)`,
      [ctx.call.requestId, input.invoiceId, input.amount, transactionId, ctx.call.idempotencyKey ?? null],
    );
    ctx.emit('billing.paymentCaptured', { invoiceId: input.invoiceId, transactionId, amount: input.amount });
    return { transactionId, status: 'succeeded' };
  });
  return registry;
}
