// The final checks of a fault run: what the emulator and the database say about one invoice, and
// whether it was paid exactly once, with nothing unfinished, one event and one Stripe key per attempt.
import type { FormValue } from '@lssm/stripe-emulator';
import type { FaultsApp } from './app.js';

function field(value: FormValue | undefined, key: string): FormValue | undefined {
  return typeof value === 'object' && !Array.isArray(value) ? value[key] : undefined;
}

/** What the emulator and the database say about one invoice's payment. */
export interface PaymentFacts {
  readonly status: string | undefined;
  /** Succeeded PaymentIntents and charges of the invoice at the emulator. */
  readonly succeededIntents: number;
  readonly succeededCharges: number;
  /** `billing.invoicePaid` events in the outbox for the invoice. */
  readonly paidEvents: number;
  /** Attempts still pending, unknown, processing or waiting for 3-D Secure. */
  readonly unfinishedAttempts: number;
  /** Every PaymentIntent request of one attempt carried that attempt's own key. */
  readonly sameKeyPerAttempt: boolean;
  /** PaymentIntent create requests the emulator received for the invoice. */
  readonly createRequests: number;
}

/** Reads the facts of one invoice (see {@link PaymentFacts}). */
export async function paymentFacts(app: FaultsApp, invoiceId: string): Promise<PaymentFacts> {
  const intents = app.emulator.paymentIntents().filter((intent) => intent.metadata.invoiceId === invoiceId);
  const succeeded = new Set(intents.filter((i) => i.status === 'succeeded').map((i) => i.id));
  const creates = app.emulator
    .requests()
    .filter(
      (r) =>
        r.method === 'POST' &&
        r.path === '/v1/payment_intents' &&
        field(r.params.metadata, 'invoiceId') === invoiceId,
    );
  const sameKeyPerAttempt = creates.every(
    (r) =>
      r.idempotencyKey ===
      `billing:${invoiceId}:attempt:${String(field(r.params.metadata, 'attemptNumber'))}`,
  );
  const { driver } = app.runtime.database;
  const one = async (sql: string) => (await driver.query<{ n: number }>(sql, [invoiceId])).rows[0]?.n ?? 0;
  const [invoice] = (
    await driver.query<{ status: string }>('SELECT status FROM invoices WHERE id = $1', [invoiceId])
  ).rows;
  return {
    status: invoice?.status,
    succeededIntents: succeeded.size,
    succeededCharges: app.emulator
      .charges()
      .filter((c) => c.status === 'succeeded' && succeeded.has(c.payment_intent)).length,
    paidEvents: await one(
      "SELECT count(*)::int AS n FROM lssm.outbox WHERE name = 'billing.invoicePaid' AND payload LIKE '%' || $1 || '%'",
    ),
    unfinishedAttempts: await one(
      "SELECT count(*)::int AS n FROM payment_attempts WHERE invoice_id = $1 AND status IN ('pending', 'unknown', 'processing', 'requires_action')",
    ),
    sameKeyPerAttempt,
    createRequests: creates.length,
  };
}

/** Paid exactly once, nothing left unfinished, one event, the same key on every retry of an attempt. */
export function paidOnce(facts: PaymentFacts): boolean {
  return (
    facts.status === 'paid' &&
    facts.succeededIntents === 1 &&
    facts.succeededCharges === 1 &&
    facts.paidEvents === 1 &&
    facts.unfinishedAttempts === 0 &&
    facts.sameKeyPerAttempt
  );
}
