// Throughput, then "nothing lost" on the same three processes and database: 1,000 invoices captured
// by 50 parallel clients (REST, GraphQL, MCP), then a mixed batch of successes, denials and failures.
// Every call leaves exactly one audit record with its outcome, the chain verifies, every committed
// event is delivered by the app's relays and applied once, and an altered record is caught at its
// sequence number.
import { randomUUID } from 'node:crypto';
import { verifyAuditChain } from '@lssm/lib.postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveredEvents, type MadeCall, mixedBatch, tamperWith } from '../nothing-lost/checks.js';
import { recordFigure, scaled } from '../support/figures.js';
import { type CallOutcome, type ClientTransport, callOp, inPool, tally } from './calls.js';
import { type Cluster, postgresMissing, startCluster } from './cluster.js';

const CAPTURES = scaled(1_000, 10_000);
const CLIENTS = 50;
const TRANSPORTS: readonly ClientTransport[] = ['rest', 'graphql', 'mcp'];
const CAPTURE = 'billing.capturePayment';

function invoiceOf(input: unknown): string {
  return (input as { invoiceId: string }).invoiceId; // the load's own inputs
}

describe.skipIf(await postgresMissing())('load, then nothing lost, on three processes', () => {
  let cluster: Cluster;
  let payers: string[] = [];
  let invoices: string[] = [];
  /** The load's captures, with what made them. */
  const made: MadeCall[] = [];
  /** Every capture call this file made. */
  const calls: CallOutcome[] = [];
  beforeAll(async () => {
    cluster = await startCluster('throughput');
    payers = await cluster.addMembers('payer', CLIENTS);
    invoices = await cluster.addInvoices(payers, CAPTURES);
  }, 600_000);
  afterAll(async () => cluster?.close(), 60_000);

  it(`captures ${CAPTURES} invoices with ${CLIENTS} parallel clients`, async () => {
    const tokens = await Promise.all(payers.map((payer) => cluster.tokenOf(payer)));
    const started = performance.now();
    // Client c pays the invoices of payer c (every CLIENTS-th), one after another, over one transport.
    const answers = await inPool(CLIENTS, CLIENTS, async (client) => {
      const mine: CallOutcome[] = [];
      for (let i = client; i < CAPTURES; i += CLIENTS) {
        const input = { invoiceId: invoices[i], paymentMethodId: 'pm_card_visa' };
        const key = randomUUID();
        const outcome = await callOp(
          cluster.urls[i % cluster.urls.length] as string,
          TRANSPORTS[client % TRANSPORTS.length] as ClientTransport,
          CAPTURE,
          input,
          { token: tokens[client], idempotencyKey: key, requestId: `tp-${i}`, selection: 'status' },
        );
        made.push({ outcome, payer: payers[client] as string, key, input });
        calls.push(outcome);
        mine.push(outcome);
      }
      return mine;
    });
    const seconds = (performance.now() - started) / 1000;
    const outcomes = answers.flat();
    const errors = outcomes.filter((o) => o.code !== 'OK');
    const paid = new Set(invoices);
    const intents = cluster.emulator.paymentIntents().filter((pi) => paid.has(pi.metadata.invoiceId ?? ''));
    const intentIds = new Set(intents.map((pi) => pi.id));
    const charges = cluster.emulator.charges().filter((c) => c.paid && intentIds.has(c.payment_intent));
    const chargedInvoices = new Set(intents.map((pi) => pi.metadata.invoiceId));
    const audited = await cluster.db.query<{ n: number }>(
      `SELECT count(*)::integer AS n FROM lssm.audit_log WHERE operation = $1 AND outcome = 'success'`,
      [CAPTURE],
    );
    const verified = await verifyAuditChain(cluster.db);
    const pass =
      errors.length === 0 &&
      charges.length === CAPTURES &&
      chargedInvoices.size === CAPTURES &&
      audited.rows[0]?.n === CAPTURES &&
      verified.ok;
    recordFigure({
      section: 'load',
      scenario: `Throughput: ${CAPTURES} captures, ${CLIENTS} clients, 3 processes`,
      runs: CAPTURES,
      figure:
        `${(CAPTURES / seconds).toFixed(1)} captures/s (${seconds.toFixed(1)} s): ${charges.length} charges, ` +
        `${audited.rows[0]?.n} audit records, chain ${verified.ok ? 'verifies' : 'BROKEN'}, ${errors.length} errors`,
      pass,
    });
    expect(tally(errors, (e) => `${e.transport} ${e.status} ${e.code}`)).toEqual({});
    expect(charges).toHaveLength(CAPTURES);
    expect(chargedInvoices.size).toBe(CAPTURES);
    expect(audited.rows[0]?.n).toBe(CAPTURES);
    expect(verified).toMatchObject({ ok: true });
  }, 600_000);

  it('keeps exactly one audit record per call, successes, denials and failures alike', async () => {
    // Replays need the load's calls in invoice order, so that `made[j]` paid `invoices[j]`'s owner.
    const inOrder = [...made].sort(
      (a, b) => invoices.indexOf(invoiceOf(a.input)) - invoices.indexOf(invoiceOf(b.input)),
    );
    const batch = await mixedBatch(cluster, {
      payers,
      paidInvoices: invoices,
      made: inOrder,
      openInvoices: await cluster.addInvoices(payers, 40),
    });
    calls.push(...batch);
    const replays = batch.filter((o) => o.code === 'OK').length;
    const outcomeOf = (o: CallOutcome) =>
      o.code === 'OK'
        ? 'success'
        : o.code === 'UNAUTHENTICATED' || o.code === 'NOT_FOUND'
          ? 'denied'
          : 'error';
    const mine = tally(calls, (o) => `${o.transport} ${outcomeOf(o)} ${o.code}`);
    const rows = await cluster.db.query<{ k: string; n: number }>(
      `SELECT transport || ' ' || outcome || ' ' || coalesce(error_code, 'OK') AS k, count(*)::integer AS n
         FROM lssm.audit_log WHERE operation = $1 GROUP BY 1`,
      [CAPTURE],
    );
    const audited = Object.fromEntries(rows.rows.map((r) => [r.k, r.n]));
    const byOutcome = tally(calls, outcomeOf);
    const replayed = await cluster.db.query<{ n: number }>(
      'SELECT count(*)::integer AS n FROM lssm.audit_log WHERE operation = $1 AND replayed',
      [CAPTURE],
    );
    // REST and GraphQL calls carried their own request id (`tp-<i>`, `mixed-<n>`): none recorded twice.
    const twice = await cluster.db.query<{ n: number }>(
      `SELECT count(*)::integer AS n FROM (SELECT request_id FROM lssm.audit_log
        WHERE request_id LIKE 'tp-%' OR request_id LIKE 'mixed-%' GROUP BY request_id HAVING count(*) > 1) AS t`,
    );
    const verified = await verifyAuditChain(cluster.db);
    const same =
      JSON.stringify(Object.entries(mine).sort()) === JSON.stringify(Object.entries(audited).sort());
    recordFigure({
      section: 'nothing-lost',
      scenario: 'One audit record per call after the load (3 processes)',
      runs: calls.length,
      figure:
        `${calls.length} calls (${byOutcome.success ?? 0} successes, ${byOutcome.denied ?? 0} denials, ` +
        `${byOutcome.error ?? 0} failures) -> ${rows.rows.reduce((n, r) => n + r.n, 0)} audit records, ` +
        `${same ? 'same' : 'DIFFERENT'} outcomes and codes, ${replayed.rows[0]?.n}/${replays} replays marked; chain of ${verified.count} records ${verified.ok ? 'verifies' : 'BROKEN'}`,
      pass:
        same && twice.rows[0]?.n === 0 && verified.ok && replays === 40 && replayed.rows[0]?.n === replays,
    });
    expect(twice.rows[0]?.n).toBe(0);
    expect(audited).toEqual(mine);
    expect(replays).toBe(40);
    expect(replayed.rows[0]?.n).toBe(replays);
    expect(verified).toMatchObject({ ok: true });
  }, 300_000);

  it('delivers every committed event at least once and applies it once', async () => {
    const result = await deliveredEvents(cluster);
    recordFigure({
      section: 'nothing-lost',
      scenario: 'Every committed event delivered (app relays) and applied once',
      runs: result.committed,
      figure:
        `${result.committed} events committed, ${result.published} marked published, ${result.undelivered} never ` +
        `delivered, ${result.deliveries} deliveries (${result.deliveries - result.committed} repeated), ` +
        `${result.applied} applied, ${result.paidWithoutEvent} paid invoices without an event`,
      pass:
        result.undelivered === 0 &&
        result.published === result.committed &&
        result.applied === result.committed &&
        result.paidWithoutEvent === 0,
    });
    expect(result).toMatchObject({
      undelivered: 0,
      published: result.committed,
      applied: result.committed,
      paidWithoutEvent: 0,
    });
    expect(result.committed).toBeGreaterThanOrEqual(CAPTURES);
  }, 120_000);

  it('catches one altered audit record at its sequence number', async () => {
    const result = await tamperWith(cluster);
    recordFigure({
      section: 'nothing-lost',
      scenario: 'Tampering with one audit record (as the owner, trigger disabled)',
      runs: 1,
      figure:
        `plain UPDATE refused (${result.plainUpdate}); record ${result.seq} of ${result.count} altered ` +
        `(denied -> success) with the trigger off: verify says ${result.verdict}`,
      pass: result.plainUpdate === '42501' && result.brokenAt === result.seq,
    });
    expect(result.plainUpdate).toBe('42501');
    expect(result.brokenAt).toBe(result.seq);
  }, 120_000);
});
