// "Nothing lost" after a load on a cluster of billing servers (../load/cluster.ts): a mixed batch of
// calls with every outcome, the events the app's own relays delivered, and one tampered audit record.
import { randomUUID } from 'node:crypto';
import { claimInboxEvent, verifyAuditChain } from '@lssm/lib.postgres';
import { type CallOutcome, type ClientTransport, callOp, inPool } from '../load/calls.js';
import type { Cluster } from '../load/cluster.js';

const CAPTURE = 'billing.capturePayment';
const TRANSPORTS: readonly ClientTransport[] = ['rest', 'graphql', 'mcp'];

/** A capture made during the load, to replay with its own key. */
export interface MadeCall {
  readonly outcome: CallOutcome;
  readonly payer: string;
  readonly key: string;
  readonly input: unknown;
}

/** What the mixed batch works on; invoice `i` of each list is owned by `payers[i % payers.length]`. */
export interface BatchSetting {
  readonly payers: readonly string[];
  readonly paidInvoices: readonly string[];
  readonly openInvoices: readonly string[];
  readonly made: readonly MadeCall[];
}

const KINDS = ['replay', 'declined', 'already-paid', 'not-owner', 'anonymous', 'invalid'] as const;

/**
 * `perKind` calls of each kind, 16 at a time over every process and transport: idempotent replays
 * (success), declined cards, already-paid invoices and invalid input (failures), someone else's
 * invoice and no token (denials).
 */
export async function mixedBatch(
  cluster: Cluster,
  setting: BatchSetting,
  perKind = 40,
): Promise<CallOutcome[]> {
  const { payers, paidInvoices, openInvoices, made } = setting;
  return inPool(perKind * KINDS.length, 16, async (n) => {
    const kind = KINDS[n % KINDS.length] as (typeof KINDS)[number];
    const j = Math.floor(n / KINDS.length);
    const url = cluster.urls[n % cluster.urls.length] as string;
    const transport = TRANSPORTS[j % TRANSPORTS.length] as ClientTransport;
    const owner = payers[j % payers.length] as string;
    const capture = async (
      who: string | undefined,
      input: unknown,
      key: string = randomUUID(),
      via = transport,
    ) =>
      callOp(url, via, CAPTURE, input, {
        token: who === undefined ? undefined : await cluster.tokenOf(who),
        idempotencyKey: key,
        requestId: `mixed-${n}`,
      });
    const paid = { invoiceId: paidInvoices[j], paymentMethodId: 'pm_card_visa' };
    switch (kind) {
      case 'replay': {
        const call = made[j] as MadeCall;
        return capture(call.payer, call.input, call.key, call.outcome.transport);
      }
      case 'declined':
        return capture(owner, { invoiceId: openInvoices[j], paymentMethodId: 'pm_card_chargeDeclined' });
      case 'already-paid':
        return capture(owner, paid);
      case 'not-owner':
        return capture(payers[(j + 1) % payers.length], paid);
      case 'anonymous':
        return capture(undefined, paid);
      case 'invalid':
        return capture(owner, { invoiceId: paidInvoices[j], paymentMethodId: 'not-a-payment-method' });
    }
  });
}

/** What became of the committed events. */
export interface Deliveries {
  readonly committed: number;
  readonly published: number;
  /** Committed events no relay printed. */
  readonly undelivered: number;
  /** Event lines the relays printed (a redelivery prints again). */
  readonly deliveries: number;
  /** Deliveries a de-duplicating consumer (`claimInboxEvent`) applied. */
  readonly applied: number;
  /** Paid invoices with no `billing.invoicePaid` event. */
  readonly paidWithoutEvent: number;
}

const EVENT_LINE = /^\d+: billing: event (\S+) (.*)$/;

/**
 * Waits (up to a minute) until the app's relays have published every outbox event, then matches
 * the events they printed (the app's log sink) to the outbox, and feeds each delivery to a consumer
 * that de-duplicates on the event id, as the docs ask of every consumer.
 */
export async function deliveredEvents(cluster: Cluster): Promise<Deliveries> {
  const { db } = cluster;
  const deadline = Date.now() + 60_000;
  const pending = async () =>
    (
      await db.query<{ n: number }>(
        'SELECT count(*)::integer AS n FROM lssm.outbox WHERE published_at IS NULL',
      )
    ).rows[0]?.n ?? 0;
  while ((await pending()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
  const rows = await db.query<{ id: string; name: string; payload: string; published: boolean }>(
    'SELECT id, name, payload, published_at IS NOT NULL AS published FROM lssm.outbox',
  );
  const idOf = new Map(rows.rows.map((r) => [`${r.name} ${JSON.stringify(JSON.parse(r.payload))}`, r.id]));
  const seen = new Map<string, number>();
  let applied = 0;
  let deliveries = 0;
  for (const line of cluster.output()) {
    const match = EVENT_LINE.exec(line);
    if (match === null) continue;
    deliveries++;
    const id = idOf.get(`${match[1]} ${JSON.stringify(JSON.parse(match[2] as string))}`);
    if (id === undefined) continue;
    seen.set(id, (seen.get(id) ?? 0) + 1);
    if (await db.transaction((tx) => claimInboxEvent(tx, 'reliability-ledger', id))) applied++;
  }
  const paidWithoutEvent = await db.query<{ n: number }>(
    `SELECT count(*)::integer AS n FROM invoices i WHERE i.status = 'paid' AND NOT EXISTS (
       SELECT 1 FROM lssm.outbox o WHERE o.name = 'billing.invoicePaid' AND o.payload::jsonb->>'invoiceId' = i.id)`,
  );
  return {
    committed: rows.rows.length,
    published: rows.rows.filter((r) => r.published).length,
    undelivered: rows.rows.filter((r) => !seen.has(r.id)).length,
    deliveries,
    applied,
    paidWithoutEvent: paidWithoutEvent.rows[0]?.n ?? -1,
  };
}

/** What tampering gave. */
export interface Tampering {
  readonly seq: number;
  readonly count: number;
  /** SQLSTATE of a plain UPDATE with the trigger on (42501 expected). */
  readonly plainUpdate: string | undefined;
  readonly brokenAt: number | undefined;
  readonly verdict: string;
}

/**
 * As the database owner (docs/running-at-scale.md: only the owner can): turns one denial in the
 * middle of the trail into a success, with the append-only trigger disabled for that one statement,
 * then verifies the chain.
 */
export async function tamperWith(cluster: Cluster): Promise<Tampering> {
  const { db } = cluster;
  const total = await db.query<{ n: number }>('SELECT count(*)::integer AS n FROM lssm.audit_log');
  const count = total.rows[0]?.n ?? 0;
  const target = await db.query<{ seq: string }>(
    `SELECT seq FROM lssm.audit_log WHERE outcome = 'denied' AND seq > $1 ORDER BY seq LIMIT 1`,
    [Math.floor(count / 2)],
  );
  const seq = Number(target.rows[0]?.seq);
  const change = `UPDATE lssm.audit_log SET outcome = 'success', error_code = NULL, decision_allowed = true WHERE seq = ${seq}`;
  const plainUpdate = await db.exec(change).then(
    () => 'allowed',
    (error: unknown) => (error as { code?: string }).code,
  );
  await db.transaction(async (tx) => {
    await tx.exec(`ALTER TABLE lssm.audit_log DISABLE TRIGGER audit_log_append_only;
${change};
ALTER TABLE lssm.audit_log ENABLE TRIGGER audit_log_append_only;`);
  });
  const verified = await verifyAuditChain(db);
  return {
    seq,
    count,
    plainUpdate,
    brokenAt: verified.ok ? undefined : verified.brokenAt,
    verdict: verified.ok ? 'intact (missed!)' : `broken at ${verified.brokenAt} (${verified.reason})`,
  };
}
