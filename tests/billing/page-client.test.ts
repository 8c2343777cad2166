// The pages' forms call operations from the browser through the typed client
// (examples/billing/lib/client/billing-api.ts). Here that client runs against the app's own REST
// route handler, in process, with a signed session cookie as the browser sends it: the answers,
// the messages the forms show (lib/pages/action-state.ts) and the audit trail's `rest` records.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createClient, type FetchFn } from '@lssm/lib.contracts/client';
import type { StripeEmulator } from '@lssm/stripe-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET, POST } from '../../examples/billing/app/api/ops/[...route]/route.js';
import { signToken } from '../../examples/billing/lib/auth/tokens.js';
import { SESSION_COOKIE } from '../../examples/billing/lib/auth.js';
import { billingClient } from '../../examples/billing/lib/client/billing-api.js';
import { createdState, paymentState, refundState } from '../../examples/billing/lib/pages/action-state.js';
import { billingRuntime } from '../../examples/billing/lib/runtime.js';
import { ListAudit } from '../../examples/billing/lib/specs/billing/list-audit.js';
import { type InProcessBilling, startInProcessBilling } from './in-process.js';

type User = 'alice' | 'bob' | 'ada';
const ORIGIN = 'http://billing.test';

let app: InProcessBilling;
let emulator: StripeEmulator;

beforeAll(async () => {
  app = await startInProcessBilling('page-client', { publicUrl: ORIGIN });
  emulator = app.emulator;
}, 60_000);

afterAll(async () => {
  await app?.close();
});

/** `fetch` as `user`'s browser does it: requests reach the app's route handler with the session cookie. */
async function browserFetch(user: User | undefined): Promise<FetchFn> {
  const { secrets } = await billingRuntime();
  const cookie =
    user === undefined
      ? undefined
      : `${SESSION_COOKIE}=${await signToken(secrets.sessionSecret, user, 'session')}`;
  return (url, init) => {
    const request = new Request(url, init);
    if (cookie !== undefined) request.headers.set('cookie', cookie);
    return (request.method === 'GET' ? GET : POST)(request);
  };
}

/** The pages' client as `user`'s browser runs it. */
async function clientOf(user: User | undefined) {
  return billingClient({ baseUrl: ORIGIN, fetch: await browserFetch(user) });
}

async function openInvoiceOf(owner: 'alice' | 'bob'): Promise<string> {
  const ada = await clientOf('ada');
  const created = await ada.billing.createInvoice({
    ownerId: owner,
    description: 'page client test',
    amount: { amount: 2500, currency: 'EUR' },
  });
  if (!created.ok) throw created.error;
  return created.output.id;
}

describe("the pages' typed client against the app's REST route", () => {
  it('creates an invoice as an admin and shows its number', async () => {
    const result = await (await clientOf('ada')).billing.createInvoice({
      ownerId: 'bob',
      description: 'Team seat, April',
      amount: { amount: 1200, currency: 'EUR' },
    });
    expect(result.ok).toBe(true);
    expect(createdState(result)).toEqual({
      status: 'ok',
      message: `Created ${result.ok ? result.output.number : '?'}.`,
    });
  });

  it('pays with the key the page rendered; a second submit is replayed, not charged again', async () => {
    const invoiceId = await openInvoiceOf('alice');
    const alice = await clientOf('alice');
    const key = `page-${invoiceId}`;
    const first = await alice.billing.capturePayment(
      { invoiceId, paymentMethodId: 'pm_card_visa' },
      { idempotencyKey: key },
    );
    const again = await alice.billing.capturePayment(
      { invoiceId, paymentMethodId: 'pm_card_visa' },
      { idempotencyKey: key },
    );
    expect(paymentState(first)).toEqual({ status: 'ok', message: 'Payment received.' });
    expect(again.ok && again.replayed).toBe(true);
    const intents = emulator.paymentIntents().filter((pi) => pi.metadata?.invoiceId === invoiceId);
    expect(intents).toHaveLength(1);
  });

  it('shows a decline with the typed attempts left, and the invoice stays payable', async () => {
    const invoiceId = await openInvoiceOf('alice');
    const result = await (await clientOf('alice')).billing.capturePayment({
      invoiceId,
      paymentMethodId: 'pm_card_chargeDeclined',
    });
    expect(result.ok).toBe(false);
    if (result.ok || result.error.code !== 'CARD_DECLINED') throw new Error('expected CARD_DECLINED');
    expect(result.error.data.attemptsLeft).toBeGreaterThan(0);
    const state = paymentState(result);
    expect(state.status).toBe('error');
    expect(state.code).toBe('CARD_DECLINED');
    expect(state.message).toContain(`(${result.error.data.attemptsLeft} attempts left)`);
  });

  it('refunds a paid invoice for its owner', async () => {
    const invoiceId = await openInvoiceOf('alice');
    const alice = await clientOf('alice');
    const paid = await alice.billing.capturePayment({ invoiceId, paymentMethodId: 'pm_card_visa' });
    expect(paid.ok).toBe(true);
    const refunded = await alice.billing.refundPayment({ invoiceId, reason: 'requested_by_customer' });
    expect(refundState(refunded)).toEqual({ status: 'ok', message: 'Refunded.' });
  });

  it("hides another member's invoice and refuses a browser without a session", async () => {
    const invoiceId = await openInvoiceOf('alice');
    const asBob = await (await clientOf('bob')).billing.capturePayment({
      invoiceId,
      paymentMethodId: 'pm_card_visa',
    });
    expect(paymentState(asBob)).toMatchObject({ status: 'error', code: 'NOT_FOUND' });
    const signedOut = await (await clientOf(undefined)).billing.capturePayment({
      invoiceId,
      paymentMethodId: 'pm_card_visa',
    });
    expect(paymentState(signedOut)).toMatchObject({ status: 'error', code: 'UNAUTHENTICATED' });
    expect(emulator.paymentIntents().filter((pi) => pi.metadata?.invoiceId === invoiceId)).toHaveLength(0);
  });

  it("records the pages' calls in the audit trail as REST calls of the signed-in user", async () => {
    const invoiceId = await openInvoiceOf('bob');
    const paid = await (await clientOf('bob')).billing.capturePayment({
      invoiceId,
      paymentMethodId: 'pm_card_visa',
    });
    expect(paid.ok).toBe(true);
    const admin = createClient({
      operations: { listAudit: ListAudit },
      baseUrl: ORIGIN,
      fetch: await browserFetch('ada'),
    });
    const trail = await admin.listAudit({ limit: 500 });
    if (!trail.ok) throw trail.error;
    expect(trail.output.chainIntact).toBe(true);
    const capture = trail.output.entries.find(
      (e) => e.operation === 'billing.capturePayment v1' && JSON.stringify(e.input).includes(invoiceId),
    );
    expect(capture).toMatchObject({ transport: 'rest', actor: 'user bob', outcome: 'success' });
  });
});

describe("the pages' client module", () => {
  const appDir = resolve(import.meta.dirname, '../../examples/billing');

  /** The app files a module loads at run time (type-only imports left out), following `@/` and relative paths. */
  function appGraph(file: string, seen = new Set<string>()): Set<string> {
    if (seen.has(file)) return seen;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, spec] of source.matchAll(/^import (?!type )[^;]*?from '([^']+)';/gms)) {
      if (spec === undefined) continue;
      const base = spec.startsWith('@/')
        ? join(appDir, spec.slice(2))
        : spec.startsWith('.')
          ? resolve(dirname(file), spec)
          : undefined;
      if (base !== undefined) appGraph(`${base.replace(/\.js$/, '')}.ts`, seen);
    }
    return seen;
  }

  it('loads the specs only: no handler, database, runtime, Stripe or auth code reaches the browser', () => {
    const files = [...appGraph(join(appDir, 'lib/client/billing-api.ts'))].map((f) =>
      f.slice(appDir.length + 1),
    );
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) expect(file).toMatch(/^lib\/(client|specs)\//);
  });
});
