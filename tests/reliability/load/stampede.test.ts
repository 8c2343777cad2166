// Same-invoice stampede: 100 concurrent captures of one invoice over REST, GraphQL and MCP, spread
// over three server processes on one PostgreSQL, each with its own idempotency key (100 distinct
// clients). Exactly one PaymentIntent and one charge at the Stripe emulator, one paid transition,
// and every other caller a clean declared 409 — never a 5xx. The owner sends all 100, past her rate
// limit of 60 a minute if the processes shared it: this scenario is about the invoice's claim, so each
// process counts its own budget here (rate-limit.test.ts floods shared budgets).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { percentile, recordFigure } from '../support/figures.js';
import {
  type CallOutcome,
  type ClientTransport,
  callOp,
  createInvoice,
  isServerFault,
  tally,
} from './calls.js';
import { type Cluster, postgresMissing, startCluster } from './cluster.js';

const CALLS = 100;
const TRANSPORTS: readonly ClientTransport[] = ['rest', 'graphql', 'mcp'];
/** The declared "someone else is paying / has paid" answers (capture-payment.ts), plus idempotency's. */
const CLEAN_REFUSALS = new Set(['ALREADY_PAID', 'PAYMENT_IN_PROGRESS', 'CONFLICT']);

/** A warm server: each process pays one invoice and refuses it again over every transport. */
async function warmUp(cluster: Cluster, token: string): Promise<void> {
  for (const url of cluster.urls) {
    const invoiceId = await createInvoice(url, await cluster.tokenOf('ada'), 'alice');
    for (const transport of TRANSPORTS) {
      const input = { invoiceId, paymentMethodId: 'pm_card_visa' };
      await callOp(url, transport, 'billing.capturePayment', input, { token, idempotencyKey: randomUUID() });
    }
  }
}

describe.skipIf(await postgresMissing())('same-invoice stampede on three processes', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster('stampede', { sharedRateLimits: false });
  }, 600_000);
  afterAll(async () => cluster?.close(), 60_000);

  it('charges once and answers every other caller with a declared 409', async () => {
    const { urls, emulator, db } = cluster;
    const token = await cluster.tokenOf('alice');
    await warmUp(cluster, token);
    const invoiceId = await createInvoice(urls[0] as string, await cluster.tokenOf('ada'), 'alice');
    const input = { invoiceId, paymentMethodId: 'pm_card_visa' };
    const answers: CallOutcome[] = await Promise.all(
      Array.from({ length: CALLS }, (_, i) =>
        callOp(
          urls[Math.floor(i / TRANSPORTS.length) % urls.length] as string,
          TRANSPORTS[i % TRANSPORTS.length] as ClientTransport,
          'billing.capturePayment',
          input,
          { token, idempotencyKey: randomUUID(), requestId: `stampede-${i}`, selection: 'status' },
        ),
      ),
    );

    const intents = emulator.paymentIntents().filter((pi) => pi.metadata.invoiceId === invoiceId);
    const intentIds = new Set(intents.map((pi) => pi.id));
    const charges = emulator.charges().filter((c) => intentIds.has(c.payment_intent) && c.paid);
    const invoice = await db.query<{ status: string }>('SELECT status FROM invoices WHERE id = $1', [
      invoiceId,
    ]);
    const attempts = await db.query<{ n: number }>(
      'SELECT count(*)::integer AS n FROM payment_attempts WHERE invoice_id = $1',
      [invoiceId],
    );
    const paidEvents = await db.query<{ n: number }>(
      `SELECT count(*)::integer AS n FROM lssm.outbox
        WHERE name = 'billing.invoicePaid' AND payload::jsonb->>'invoiceId' = $1`,
      [invoiceId],
    );
    const audited = await db.query<{ transport: string; code: string; n: number }>(
      `SELECT transport, coalesce(error_code, 'OK') AS code, count(*)::integer AS n FROM lssm.audit_log
        WHERE operation = 'billing.capturePayment' AND input::jsonb->>'invoiceId' = $1 GROUP BY 1, 2`,
      [invoiceId],
    );
    const succeeded = answers.filter((a) => a.code === 'OK');
    const refused = answers.filter((a) => CLEAN_REFUSALS.has(a.code));
    const faults = answers.filter(isServerFault);
    const codes = tally(answers, (a) => a.code);
    const auditedTally = Object.fromEntries(audited.rows.map((r) => [`${r.transport} ${r.code}`, r.n]));
    const latencies = answers.map((a) => a.ms);
    const duplicates = Math.max(0, charges.length - 1);
    const pass =
      intents.length === 1 &&
      duplicates === 0 &&
      charges.length === 1 &&
      succeeded.length === 1 &&
      refused.length === CALLS - 1 &&
      faults.length === 0 &&
      invoice.rows[0]?.status === 'paid' &&
      attempts.rows[0]?.n === 1 &&
      paidEvents.rows[0]?.n === 1;
    recordFigure({
      section: 'load',
      scenario: 'Same-invoice stampede (REST, GraphQL, MCP on 3 processes)',
      runs: CALLS,
      figure:
        `${CALLS} calls on ${urls.length} processes: ${intents.length} PaymentIntent, ${duplicates} duplicate charges, ` +
        `${succeeded.length} paid (${attempts.rows[0]?.n} attempt), ${refused.length} ALREADY_PAID/PAYMENT_IN_PROGRESS, ${faults.length} 5xx, ` +
        `p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms`,
      pass,
    });
    console.log(`[stampede] answers ${JSON.stringify(codes)}; audited ${JSON.stringify(auditedTally)}`);

    expect(faults.map((a) => `${a.transport} ${a.status} ${a.code}`)).toEqual([]);
    expect(intents).toHaveLength(1);
    expect(charges).toHaveLength(1);
    expect(succeeded).toHaveLength(1);
    expect(succeeded[0]?.output).toMatchObject({ status: 'succeeded' });
    expect(refused).toHaveLength(CALLS - 1);
    expect(invoice.rows[0]?.status).toBe('paid');
    expect(attempts.rows[0]?.n).toBe(1);
    expect(paidEvents.rows[0]?.n).toBe(1);
    // One audit record per call, with the code its caller saw.
    expect(auditedTally).toEqual(tally(answers, (a) => `${a.transport} ${a.code}`));
  }, 120_000);
});
