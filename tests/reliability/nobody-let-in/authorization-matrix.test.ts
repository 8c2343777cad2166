// Every (caller, invoice, operation) of the small world over REST, GraphQL and MCP, through the
// app's route handlers, against the reference predicate of world.ts: the answer (success or the
// exact error code), what an allowed call returns, and for every refusal: no Stripe request and no
// change to any invoice or payment attempt. Another tenant's invoice must be NOT_FOUND, like a
// missing one, never FORBIDDEN.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFigure } from '../support/figures.js';
import { type Answer, callOver, type Routes, routes, TRANSPORTS, type Transport } from './drivers.js';
import {
  ACTORS,
  type Actor,
  type Expected,
  expectedAudit,
  expectedCreateInvoice,
  expectedListing,
  expectedOnInvoice,
  INVOICE_KINDS,
  identityOf,
  personOf,
  startWorld,
  type World,
} from './world.js';

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404 };
const INVOICE_OPS = ['getInvoice', 'capturePayment', 'refundPayment'] as const;
const BILLED = ['alice', 'carol', 'nobody'] as const;

let world: World;
let handlers: Routes;

beforeAll(async () => {
  world = await startWorld();
  handlers = await routes();
}, 60_000);

afterAll(async () => {
  await world?.close();
});

/** Tallies of one transport's run. */
class Tally {
  combinations = 0;
  denials = 0;
  stripeOnDenial = 0;
  changedOnDenial = 0;
  crossTenant = 0;
  crossTenantNotFound = 0;
  readonly mismatches: string[] = [];

  check(label: string, transport: Transport, expected: Expected, answer: Answer): void {
    this.combinations++;
    const got = answer.ok ? 'ok' : answer.code;
    const want = expected.ok ? 'ok' : expected.code;
    if (got !== want) this.mismatches.push(`${label}: expected ${want}, got ${got}`);
    const status = expected.ok ? undefined : STATUS[expected.code];
    if (transport === 'rest' && status !== undefined && answer.status !== status)
      this.mismatches.push(`${label}: expected HTTP ${status}, got ${answer.status}`);
  }
}

/** The database state after the last call (undefined once something else may have changed it). */
let known: string | undefined;

/** Runs one call, checking that a refusal left Stripe and the database alone. */
async function attempt(tally: Tally, call: () => Promise<Answer>): Promise<Answer> {
  const stateBefore = known ?? (await world.state());
  const stripeBefore = world.stripeCalls();
  const answer = await call();
  known = await world.state();
  if (!answer.ok) {
    tally.denials++;
    tally.stripeOnDenial += world.stripeCalls() - stripeBefore;
    if (known !== stateBefore) tally.changedOnDenial++;
  }
  return answer;
}

async function invoiceOps(tally: Tally, transport: Transport, actor: Actor): Promise<void> {
  for (const op of INVOICE_OPS) {
    for (const kind of INVOICE_KINDS) {
      const id = world.invoiceId(kind);
      const invoice = await world.invoice(id);
      const expected = expectedOnInvoice(actor, op, invoice);
      const input =
        op === 'capturePayment' ? { invoiceId: id, paymentMethodId: 'pm_card_visa' } : { invoiceId: id };
      const authorization = world.authorization[actor];
      const answer = await attempt(tally, () => callOver(handlers, transport, op, input, authorization));
      const label = `${transport} ${actor} ${op} ${kind}`;
      tally.check(label, transport, expected, answer);
      const who = identityOf(actor);
      if (who !== undefined && invoice !== undefined && invoice.tenantId !== who.tenantId) {
        tally.crossTenant++;
        if (!answer.ok && answer.code === 'NOT_FOUND') tally.crossTenantNotFound++;
      }
      if (answer.ok) {
        // Outputs below are read in the shape of the operation's output model.
        const shown = (answer.output as { id?: string; invoiceId?: string } | undefined) ?? {};
        if ((shown.id ?? shown.invoiceId) !== id) tally.mismatches.push(`${label}: answered another invoice`);
        if (op !== 'getInvoice') {
          await world.renew(kind);
          known = undefined;
        }
      }
    }
  }
}

async function otherOps(tally: Tally, transport: Transport, actor: Actor): Promise<void> {
  const authorization = world.authorization[actor];
  const label = `${transport} ${actor}`;

  const listing = expectedListing(actor, await world.allInvoices());
  const listed = await attempt(tally, () =>
    callOver(handlers, transport, 'listInvoices', { limit: 100 }, authorization),
  );
  tally.check(`${label} listInvoices`, transport, Array.isArray(listing) ? { ok: true } : listing, listed);
  if (listed.ok && Array.isArray(listing)) {
    const ids = ((listed.output as { invoices: { id: string }[] }).invoices ?? []).map((i) => i.id).sort();
    if (JSON.stringify(ids) !== JSON.stringify(listing))
      tally.mismatches.push(`${label} listInvoices: listed ${ids.length}, predicate says ${listing.length}`);
  }

  for (const ownerId of BILLED) {
    const input = { ownerId, description: 'matrix', amount: { amount: 1000, currency: 'USD' } };
    const created = await attempt(tally, () =>
      callOver(handlers, transport, 'createInvoice', input, authorization),
    );
    tally.check(
      `${label} createInvoice for ${ownerId}`,
      transport,
      expectedCreateInvoice(actor, ownerId),
      created,
    );
  }

  const audit = await attempt(tally, () =>
    callOver(handlers, transport, 'listAudit', { limit: 500 }, authorization),
  );
  tally.check(`${label} listAudit`, transport, expectedAudit(actor), audit);
  const tenant = identityOf(actor)?.tenantId;
  const entries = audit.ok ? ((audit.output as { entries: { actor: string }[] }).entries ?? []) : [];
  for (const entry of entries) {
    const [type, userId] = entry.actor.split(' ');
    if (type !== 'system' && personOf(userId)?.tenantId !== tenant)
      tally.mismatches.push(`${label} listAudit: shows a record of ${entry.actor}`);
  }
}

describe('nobody let in: the authorization matrix', () => {
  it.each(TRANSPORTS)(
    'over %s every combination matches the reference predicate',
    { timeout: 90_000 },
    async (transport) => {
      const tally = new Tally();
      const started = Date.now();
      for (const actor of ACTORS) {
        await invoiceOps(tally, transport, actor);
        await otherOps(tally, transport, actor);
      }
      const pass =
        tally.mismatches.length === 0 &&
        tally.stripeOnDenial === 0 &&
        tally.changedOnDenial === 0 &&
        tally.crossTenantNotFound === tally.crossTenant;
      recordFigure({
        section: 'nobody-let-in',
        scenario: `authorization matrix over ${transport}`,
        runs: tally.combinations,
        figure:
          `${tally.combinations} combinations (${ACTORS.length} callers), ${tally.mismatches.length} mismatches, ` +
          `${tally.stripeOnDenial} Stripe calls and ${tally.changedOnDenial} state changes on ${tally.denials} denials, ` +
          `${tally.crossTenantNotFound}/${tally.crossTenant} cross-tenant calls NOT_FOUND, ${Date.now() - started} ms`,
        pass,
      });
      expect(tally.mismatches).toEqual([]);
      expect(tally.stripeOnDenial).toBe(0);
      expect(tally.changedOnDenial).toBe(0);
      expect(tally.crossTenantNotFound).toBe(tally.crossTenant);
      expect(tally.crossTenant).toBeGreaterThan(0);
    },
  );
});

describe('nobody let in: another tenant’s stuck payment', () => {
  it('an admin’s recoverPayments never touches another tenant; the owner alone sees the 3-D Secure secret', {
    timeout: 60_000,
  }, async () => {
    const invoiceId = world.invoiceId('aliceOpen');
    const input = { invoiceId, paymentMethodId: 'pm_card_threeDSecure2Required' };
    const paying = await callOver(handlers, 'rest', 'capturePayment', input, world.authorization.alice);
    await world.renew('aliceOpen');
    const intentId = (paying.output as { transactionId: string }).transactionId;
    await world.emulator.completeAuthentication(intentId); // recovering it now would mark it paid

    const secretOf = async (actor: Actor) => {
      const read = await callOver(handlers, 'rest', 'getInvoice', { invoiceId }, world.authorization[actor]);
      return (read.output as { payment?: { clientSecret?: string } }).payment?.clientSecret;
    };
    const ownerSees = await secretOf('alice');
    const adminSees = await secretOf('ada');

    const touched: string[] = [];
    for (const transport of TRANSPORTS) {
      const state = await world.state();
      const stripe = world.stripeCalls();
      const run = await callOver(
        handlers,
        transport,
        'recoverPayments',
        { olderThanSeconds: 0 },
        world.authorization.gwen,
      );
      const examined = (run.output as { examined?: number } | undefined)?.examined;
      if (!run.ok || examined !== 0 || (await world.state()) !== state || world.stripeCalls() !== stripe)
        touched.push(`${transport}: ${run.ok ? `examined ${examined}` : run.code}`);
    }
    const own = await callOver(
      handlers,
      'rest',
      'recoverPayments',
      { olderThanSeconds: 0 },
      world.authorization.ada,
    );
    const recovered = (await world.invoice(invoiceId))?.status;
    recordFigure({
      section: 'nobody-let-in',
      scenario: 'recoverPayments across tenants',
      runs: TRANSPORTS.length,
      figure: `globex admin: ${touched.length} of ${TRANSPORTS.length} runs touched acme's paying invoice; acme admin: ${recovered}; 3DS secret shown to owner ${ownerSees !== undefined}, to admin ${adminSees !== undefined}`,
      pass:
        touched.length === 0 && recovered === 'paid' && ownerSees !== undefined && adminSees === undefined,
    });
    expect(paying.output).toMatchObject({ status: 'requires_action' });
    expect(touched).toEqual([]);
    expect(own.ok).toBe(true);
    expect(recovered).toBe('paid');
    expect(ownerSees).toEqual(expect.any(String));
    expect(adminSees).toBeUndefined();
  });
});

describe('nobody let in: someone else’s idempotency key', () => {
  it('replays a payment only to its payer: the same key and input from anyone else is refused, without Stripe', {
    timeout: 60_000,
  }, async () => {
    const leaks: string[] = [];
    let tries = 0;
    for (const transport of TRANSPORTS) {
      const key = `shared-${transport}-${Date.now()}`;
      const input = { invoiceId: world.invoiceId('aliceOpen'), paymentMethodId: 'pm_card_visa' };
      const paid = await callOver(
        handlers,
        transport,
        'capturePayment',
        input,
        world.authorization.alice,
        key,
      );
      await world.renew('aliceOpen');
      for (const actor of ACTORS.filter((a) => a !== 'alice')) {
        tries++;
        const stripe = world.stripeCalls();
        const state = await world.state();
        const other = await callOver(
          handlers,
          transport,
          'capturePayment',
          input,
          world.authorization[actor],
          key,
        );
        const want = expectedOnInvoice(actor, 'capturePayment', await world.invoice(input.invoiceId));
        const same = other.ok || world.stripeCalls() !== stripe || (await world.state()) !== state;
        if (same || want.ok || other.code !== want.code)
          leaks.push(`${transport} ${actor}: ${other.ok ? 'replayed' : other.code}`);
      }
      const replay = await callOver(
        handlers,
        transport,
        'capturePayment',
        input,
        world.authorization.alice,
        key,
      );
      if (!paid.ok || !replay.ok) leaks.push(`${transport}: the payer's own call or replay failed`);
    }
    recordFigure({
      section: 'nobody-let-in',
      scenario: 'idempotency key reused by other callers',
      runs: tries,
      figure: `${tries} reuses of a payer's key, ${leaks.length} replayed or not refused as the predicate says`,
      pass: leaks.length === 0,
    });
    expect(leaks).toEqual([]);
  });
});
