import { afterAll, beforeEach, describe, expect, it } from 'vitest';
// The tutorial's route file, unchanged: it exports the Next.js handlers.
import { GET, POST } from '@/app/api/ops/[...route]/route';
import { signIn } from '@/lib/auth';
import { seedInvoices } from '@/lib/db';
import { emulator, TUTORIAL_API_VERSION } from '@/lib/integrations/stripe';

/** The PaymentIntents the Stripe emulator created (one per charge attempt). */
const created = () => emulator.paymentIntents().length;

const URL_BASE = 'http://localhost:3000/api/ops/billing.capturePayment';
const valid = { invoiceId: 'inv_1', amount: 49.9, currency: 'usd', paymentMethodId: 'pm_card_visa' };
const nextContext = { params: Promise.resolve({ route: ['billing.capturePayment'] }) };

function post(body: unknown, token?: string): Request {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  return new Request(URL_BASE, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function call(request: Request) {
  const response = await POST(request, nextContext);
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

describe('the tutorial, as written, through makeNextAppHandler', () => {
  let alice: string;
  let bob: string;
  let before = 0;
  afterAll(() => emulator.close());
  beforeEach(() => {
    before = created();
    seedInvoices([
      { id: 'inv_1', userId: 'alice', tenantId: 'acme', amount: 4990, currency: 'usd', status: 'open' },
      { id: 'inv_2', userId: 'bob', tenantId: 'acme', amount: 100, currency: 'usd', status: 'open' },
    ]);
    alice = signIn('alice', 'acme');
    bob = signIn('bob', 'acme');
  });

  it('lets the owner pay', async () => {
    const { status, body, headers } = await call(post(valid, alice));
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'succeeded',
      transactionId: expect.stringMatching(/^pi_/),
      receiptUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\//),
    });
    // The official SDK reached the emulator with the tutorial's pinned API version and 4990 cents.
    const intent = emulator.paymentIntents().at(-1);
    expect(intent).toMatchObject({ amount: 4990, currency: 'usd', status: 'succeeded' });
    expect(emulator.requests().at(-1)?.stripeVersion).toBe(TUTORIAL_API_VERSION);
    expect(headers.get('x-request-id')).toBeTruthy();
    expect(created() - before).toBe(1);
  });

  it("refuses another user's payment with 403 before the handler runs", async () => {
    const { status, body } = await call(post(valid, bob));
    expect(status).toBe(403);
    expect(body).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(created() - before).toBe(0);
  });

  it('answers 401 without a session, before revealing anything about the input', async () => {
    const { status, body } = await call(post({ amount: -5 }));
    expect(status).toBe(401);
    expect(body).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    expect((body.error as Record<string, unknown>).issues).toBeUndefined();
  });

  it.each([
    ['a negative amount', { ...valid, amount: -5 }, ['amount']],
    ['an amount as a string', { ...valid, amount: '10' }, ['amount']],
    ['a missing invoiceId', { amount: 10, currency: 'usd', paymentMethodId: 'pm_card_visa' }, ['invoiceId']],
    ['an empty invoiceId', { ...valid, invoiceId: '' }, ['invoiceId']],
    ['an unknown key', { ...valid, isAdmin: true }, ['isAdmin']],
  ])('rejects %s with 400 and the field path', async (_name, body, path) => {
    const result = await call(post(body, alice));
    expect(result.status).toBe(400);
    const error = result.body.error as { code: string; issues: { path: unknown[] }[] };
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.issues.map((i) => i.path)).toContainEqual(path);
    expect(created() - before).toBe(0);
  });

  it('answers GET with 405 and Allow: POST', async () => {
    const response = await GET(
      new Request(URL_BASE, { headers: { authorization: `Bearer ${alice}` } }),
      nextContext,
    );
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });
});
