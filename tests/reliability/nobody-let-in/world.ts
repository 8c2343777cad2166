// The small world of "nobody let in": the billing example in process (its registry, runtime and
// route handlers, PGlite in a temporary folder, a Stripe emulator), two tenants with a member and an
// admin each, invoices in every state that matters, the callers (real tokens, forged ones, none),
// and the reference predicate: who may do what to which invoice, written from the product's rules,
// not from the specs' policies.
import { randomBytes, randomUUID } from 'node:crypto';
import { execute, type SpecRegistry } from '@lssm/lib.contracts';
import { tablesIn } from '@lssm/lib.postgres';
import type { StripeEmulator } from '@lssm/stripe-emulator';
import { eq } from 'drizzle-orm';
import { signToken } from '../../../examples/billing/lib/auth/tokens.js';
import { newId } from '../../../examples/billing/lib/db/ids.js';
import { type Invoice, invoices, paymentAttempts, users } from '../../../examples/billing/lib/db/schema.js';
import { billingRuntime } from '../../../examples/billing/lib/runtime.js';
import { startInProcessBilling } from '../../billing/in-process.js';
import { appModule } from './drivers.js';

/** The people of the world: the demo users plus gwen, globex's admin. */
export const PEOPLE = {
  alice: { tenantId: 'acme', role: 'member' },
  bob: { tenantId: 'acme', role: 'member' },
  ada: { tenantId: 'acme', role: 'admin' },
  carol: { tenantId: 'globex', role: 'member' },
  gwen: { tenantId: 'globex', role: 'admin' },
} as const;
export type Person = keyof typeof PEOPLE;
export const PERSONS: readonly Person[] = ['alice', 'bob', 'ada', 'carol', 'gwen'];
const BY_ID = new Map<string, { readonly tenantId: string; readonly role: string }>(Object.entries(PEOPLE));

/** A person of the world by id (undefined for anyone else). */
export function personOf(id: string | undefined): { tenantId: string; role: string } | undefined {
  return id === undefined ? undefined : BY_ID.get(id);
}

/** Callers: the people with their API tokens, and callers that must count as nobody. */
export const ACTORS = [...PERSONS, 'anonymous', 'forged', 'sessionAsBearer', 'ghost'] as const;
export type Actor = (typeof ACTORS)[number];

/** Who a caller really is (undefined: nobody). Forged and misdirected tokens are nobody. */
export function identityOf(actor: Actor): { userId: string; tenantId: string; role: string } | undefined {
  const person = personOf(actor);
  return person === undefined ? undefined : { userId: actor, ...person };
}

/** The invoices every operation is tried on; `missing` is an id nobody has. */
export const INVOICE_KINDS = [
  'aliceOpen',
  'alicePaid',
  'alicePaidLongAgo',
  'bobOpen',
  'carolOpen',
  'carolPaid',
  'missing',
] as const;
export type InvoiceKind = (typeof INVOICE_KINDS)[number];
const KIND_SHAPE: Record<Exclude<InvoiceKind, 'missing'>, { owner: Person; paidDaysAgo?: number }> = {
  aliceOpen: { owner: 'alice' },
  alicePaid: { owner: 'alice', paidDaysAgo: 0 },
  alicePaidLongAgo: { owner: 'alice', paidDaysAgo: 20 },
  bobOpen: { owner: 'bob' },
  carolOpen: { owner: 'carol' },
  carolPaid: { owner: 'carol', paidDaysAgo: 0 },
};
const DAY_MS = 86_400_000;

/** What the reference predicate says a call must answer: success, or this error code. */
export type Expected = { readonly ok: true } | { readonly ok: false; readonly code: string };
const OK: Expected = { ok: true };
const fail = (code: string): Expected => ({ ok: false, code });

/**
 * The reference predicate for the invoice operations, from the product's rules: nobody acts
 * without a real identity; an invoice of another tenant is the same as no invoice (NOT_FOUND);
 * an owner reads and pays their invoices and refunds them within 14 days of payment; an admin
 * reads and refunds every invoice of their tenant but pays none.
 */
export function expectedOnInvoice(
  actor: Actor,
  op: 'getInvoice' | 'capturePayment' | 'refundPayment',
  invoice: Invoice | undefined,
  now = Date.now(),
): Expected {
  const who = identityOf(actor);
  if (who === undefined) return fail('UNAUTHENTICATED');
  const visible = invoice !== undefined && invoice.tenantId === who.tenantId;
  const owner = visible && invoice.ownerId === who.userId;
  const admin = visible && who.role === 'admin';
  if (op === 'getInvoice') return owner || admin ? OK : fail('NOT_FOUND');
  if (op === 'capturePayment') {
    if (!owner) return fail('NOT_FOUND');
    const refusals: Record<string, string> = { paid: 'ALREADY_PAID', paying: 'PAYMENT_IN_PROGRESS' };
    return invoice.status === 'open' ? OK : fail(refusals[invoice.status] ?? 'INVOICE_NOT_PAYABLE');
  }
  const recent = invoice?.paidAt != null && now - invoice.paidAt.getTime() <= 14 * DAY_MS;
  if (!(admin || (owner && recent))) return fail('NOT_FOUND');
  return invoice.status === 'paid' ? OK : fail('NOT_REFUNDABLE');
}

/** Whom an admin may bill: a member of their own tenant; a member elsewhere or nobody is NOT_FOUND. */
export function expectedCreateInvoice(actor: Actor, ownerId: string): Expected {
  const who = identityOf(actor);
  if (who === undefined) return fail('UNAUTHENTICATED');
  if (who.role !== 'admin') return fail('FORBIDDEN');
  return personOf(ownerId)?.tenantId === who.tenantId ? OK : fail('NOT_FOUND');
}

/** Members list their own invoices, admins their tenant's; nobody lists nothing. */
export function expectedListing(actor: Actor, all: readonly Invoice[]): string[] | Expected {
  const who = identityOf(actor);
  if (who === undefined) return fail('UNAUTHENTICATED');
  return all
    .filter((i) => i.tenantId === who.tenantId && (who.role === 'admin' || i.ownerId === who.userId))
    .map((i) => i.id)
    .sort();
}

/** Only admins read the audit trail, and only their tenant's. */
export function expectedAudit(actor: Actor): Expected {
  const who = identityOf(actor);
  if (who === undefined) return fail('UNAUTHENTICATED');
  return who.role === 'admin' ? OK : fail('FORBIDDEN');
}

/** The running world. */
export interface World {
  readonly emulator: StripeEmulator;
  readonly key: Uint8Array;
  /** The `Authorization` header of each caller (undefined: none). */
  readonly authorization: Readonly<Record<Actor, string | undefined>>;
  /** A page session token (the cookie's value) of a person. */
  session(person: Person): Promise<string>;
  /** The current invoice id of a kind (a fresh one after an allowed call changed the last). */
  invoiceId(kind: InvoiceKind): string;
  /** Makes a new invoice of that kind (after the current one was paid or refunded). */
  renew(kind: InvoiceKind): Promise<void>;
  invoice(id: string): Promise<Invoice | undefined>;
  allInvoices(): Promise<Invoice[]>;
  /** Every invoice and payment attempt, as one comparable string. */
  state(): Promise<string>;
  /** How many audit records there are. */
  auditLength(): Promise<number>;
  /** How many requests the Stripe emulator has received so far. */
  stripeCalls(): number;
  close(): Promise<void>;
}

/** Starts the example in process against a fresh emulator and database, with the world's invoices. */
export async function startWorld(): Promise<World> {
  const secret = randomBytes(32).toString('base64url');
  const app = await startInProcessBilling('nobody-let-in', { sessionSecret: secret });
  const emulator = app.emulator;
  const runtime = await billingRuntime();
  const { registry } = await appModule<{ registry: SpecRegistry }>('lib/registry.ts');
  const db = runtime.database.db;
  await db.insert(users).values({
    id: 'gwen',
    tenantId: 'globex',
    name: 'Gwen Admin',
    email: 'gwen@globex.test',
    role: 'admin',
  });
  const key = new TextEncoder().encode(secret);
  const bearer = (token: string) => `Bearer ${token}`;
  const authorization: Record<Actor, string | undefined> = {
    alice: bearer(await signToken(key, 'alice', 'api')),
    bob: bearer(await signToken(key, 'bob', 'api')),
    ada: bearer(await signToken(key, 'ada', 'api')),
    carol: bearer(await signToken(key, 'carol', 'api')),
    gwen: bearer(await signToken(key, 'gwen', 'api')),
    anonymous: undefined,
    forged: bearer(await signToken(randomBytes(32), 'ada', 'api')),
    sessionAsBearer: bearer(await signToken(key, 'ada', 'session')),
    ghost: bearer(await signToken(key, 'ghost', 'api')),
  };

  let serial = 0;
  async function makeInvoice(kind: Exclude<InvoiceKind, 'missing'>): Promise<string> {
    const { owner, paidDaysAgo } = KIND_SHAPE[kind];
    const id = newId('inv');
    const { tenantId } = PEOPLE[owner];
    await db.insert(invoices).values({
      id,
      tenantId,
      ownerId: owner,
      number: `WORLD-${++serial}`,
      description: `world ${kind}`,
      amount: 2500,
      currency: 'USD',
    });
    if (paidDaysAgo === undefined) return id;
    const paid = await execute(registry, {
      name: 'billing.capturePayment',
      input: { invoiceId: id, paymentMethodId: 'pm_card_visa' },
      transport: 'internal',
      idempotencyKey: randomUUID(),
      context: { actor: 'user', userId: owner, tenantId, roles: ['member'] },
    });
    if (!paid.ok) throw paid.error;
    if (paidDaysAgo > 0)
      await db
        .update(invoices)
        .set({ paidAt: new Date(Date.now() - paidDaysAgo * DAY_MS) })
        .where(eq(invoices.id, id));
    return id;
  }

  const current = new Map<InvoiceKind, string>([['missing', newId('inv')]]);
  for (const kind of INVOICE_KINDS) if (kind !== 'missing') current.set(kind, await makeInvoice(kind));
  const auditTable = tablesIn(runtime.ports.schema).auditLog;

  return {
    emulator,
    key,
    authorization,
    session: (person) => signToken(key, person, 'session'),
    invoiceId: (kind) => current.get(kind) as string, // every kind is set above
    async renew(kind) {
      if (kind !== 'missing') current.set(kind, await makeInvoice(kind));
    },
    async invoice(id) {
      const [row] = await db.select().from(invoices).where(eq(invoices.id, id));
      return row;
    },
    allInvoices: () => db.select().from(invoices),
    async state() {
      const rows = await db.select().from(invoices).orderBy(invoices.id);
      const attempts = await db.select().from(paymentAttempts).orderBy(paymentAttempts.id);
      return JSON.stringify({ rows, attempts });
    },
    async auditLength() {
      const { rows } = await runtime.database.driver.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${auditTable}`,
      );
      return Number(rows[0]?.n);
    },
    stripeCalls: () => emulator.requests().length,
    close: () => app.close(),
  };
}
