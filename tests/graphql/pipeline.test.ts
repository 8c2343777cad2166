// The same pipeline whatever the transport: every GraphQL field runs `execute`, so validation,
// policy, declared errors, unknown throws, idempotency and audit read exactly as on REST. Each
// scenario runs over a real node:http server and through the Fetch handler with real Requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Answer,
  contextCalls,
  fetchTransport,
  firstError,
  gql,
  makeFixture,
  nodeTransport,
  SECRET,
  type Transport,
} from './fixture.js';

const CAPTURE = `mutation Pay($input: CapturePaymentInput!) {
  billing_capturePayment(input: $input) { transactionId status receiptUrl }
}`;
const capture = { invoiceId: 'inv_1', amount: 49.9, currency: 'usd', paymentMethodId: 'pm_card_visa' };

describe.each([
  ['node:http', (f: ReturnType<typeof makeFixture>) => nodeTransport(f.registry)],
  ['Fetch', async (f: ReturnType<typeof makeFixture>) => fetchTransport(f.registry)],
])('over %s', (_, start) => {
  const fixture = makeFixture();
  let t: Transport;
  beforeAll(async () => {
    t = await start(fixture);
  });
  afterAll(() => t.close());
  const post = (query: string, variables?: Record<string, unknown>, user?: string, h = {}) =>
    t.send('/graphql', gql(query, variables, user, h));

  it('runs a mutation through the pipeline and answers its output, with X-Request-Id', async () => {
    const answer = await post(CAPTURE, { input: capture }, 'alice', { 'x-request-id': 'req-graphql-1' });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      data: {
        billing_capturePayment: {
          transactionId: expect.stringMatching(/^pi_/),
          status: 'succeeded',
          receiptUrl: null,
        },
      },
    });
    expect(answer.headers.get('x-request-id')).toBe('req-graphql-1');
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it('writes one audit record with transport graphql, the request id and the redacted input', async () => {
    await post(CAPTURE, { input: capture }, 'alice', { 'x-request-id': 'req-audit-1' });
    const records = fixture.audit.records().filter((r) => r.requestId === 'req-audit-1');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      transport: 'graphql',
      operation: { name: 'billing.capturePayment', version: 1 },
      actor: { userId: 'alice' },
      outcome: 'success',
      input: { invoiceId: 'inv_1', paymentMethodId: '[redacted]' },
    });
  });

  it('answers a query with Money beyond 32 bits, an ISO DateTime, an enum, nested models and JSON', async () => {
    const answer = await post(
      `query($id: String!) { billing_getInvoice(input: { invoiceId: $id }) {
        id total { amount currency } status dueAt customer { email country } lines metadata } }`,
      { id: 'inv_1' },
      'alice',
    );
    expect(answer.body).toEqual({
      data: {
        billing_getInvoice: {
          id: 'inv_1',
          total: { amount: 4_990_000_000, currency: 'JPY' },
          status: 'open',
          dueAt: '2026-12-01T09:30:00.000Z',
          customer: { email: 'alice@example.com', country: 'FR' },
          lines: ['Consulting'],
          metadata: { po: 'PO-7', tags: ['a'] },
        },
      },
    });
  });

  it('reports invalid input as INVALID_INPUT with every issue and its path, before the handler', async () => {
    const before = fixture.calls.capture;
    const answer = await post(CAPTURE, { input: { ...capture, amount: -5, invoiceId: '   ' } }, 'alice', {
      'x-request-id': 'req-invalid',
    });
    const error = firstError(answer);
    expect(answer.body.data).toEqual({ billing_capturePayment: null });
    expect(error.path).toEqual(['billing_capturePayment']);
    expect(error.extensions).toMatchObject({ code: 'INVALID_INPUT', requestId: 'req-invalid' });
    const paths = error.extensions?.issues?.map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining([['amount'], ['invoiceId']]));
    expect(fixture.calls.capture).toBe(before);
  });

  it('refuses an anonymous caller with UNAUTHENTICATED before revealing anything about the input', async () => {
    const answer = await post(CAPTURE, { input: { ...capture, amount: -5 } });
    expect(firstError(answer).extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(firstError(answer).extensions?.issues).toBeUndefined();
  });

  it("refuses a caller who does not own the invoice with FORBIDDEN (the tutorial's owner rule)", async () => {
    const before = fixture.calls.capture;
    const answer = await post(CAPTURE, { input: capture }, 'mallory');
    expect(firstError(answer).extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(fixture.calls.capture).toBe(before);
    const denied = fixture.audit.records().at(-1);
    expect(denied).toMatchObject({ transport: 'graphql', outcome: 'denied', actor: { userId: 'mallory' } });
  });

  it('carries a declared domain error with its code and typed data', async () => {
    const paid = await post(CAPTURE, { input: { ...capture, invoiceId: 'inv_paid' } }, 'alice');
    expect(firstError(paid)).toMatchObject({
      message: 'The invoice is already paid',
      extensions: { code: 'ALREADY_PAID', requestId: expect.any(String) },
    });
    const declined = await post(
      CAPTURE,
      { input: { ...capture, paymentMethodId: 'pm_card_declined' } },
      'alice',
    );
    expect(firstError(declined)).toMatchObject({
      message: 'Declined',
      extensions: { code: 'CARD_DECLINED', data: { declineCode: 'insufficient_funds' } },
    });
  });

  it('never leaks the message of an unknown throw: INTERNAL, a generic message and the request id', async () => {
    const answer = await post('{ ops_crash { pong } }', undefined, undefined, {
      'x-request-id': 'req-crash',
    });
    expect(firstError(answer)).toEqual({
      message: 'Internal error',
      locations: [{ line: 1, column: 3 }],
      path: ['ops_crash'],
      extensions: { code: 'INTERNAL', requestId: 'req-crash' },
    });
    expect(JSON.stringify(answer.body)).not.toContain('hunter2');
    expect(SECRET).toContain('hunter2');
  });

  it('keeps other root fields when one fails, and makes the context once per request', async () => {
    const before = contextCalls.count;
    const answer = await post(
      '{ a: catalog_getProduct(input: { sku: "s1" }) { sku } b: catalog_getProduct_v1(input: { sku: "s2" }) { sku } ops_crash { pong } }',
    );
    expect(answer.body.data).toEqual({ a: { sku: 's1' }, b: { sku: 's2' }, ops_crash: null });
    expect(answer.body.errors).toHaveLength(1);
    expect(contextCalls.count - before).toBe(1);
  });

  it('forwards Idempotency-Key to mutations: the same key replays the first answer', async () => {
    const refund = 'mutation { billing_refund(input: { paymentId: "pay_1" }) { refundId } }';
    const missing = await post(refund, undefined, 'alice');
    expect(firstError(missing).extensions?.code).toBe('INVALID_INPUT');
    const first = await post(refund, undefined, 'alice', { 'idempotency-key': 'key-gql-1' });
    const again = await post(refund, undefined, 'alice', { 'idempotency-key': 'key-gql-1' });
    expect(again.body.data).toEqual(first.body.data);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(fixture.calls.refund).toBe(1);
  });

  it('validates Standard Schema (zod) input through the pipeline, carried as JSON', async () => {
    const echo = 'mutation($input: JSON) { tools_zodEcho(input: $input) }';
    expect((await post(echo, { input: { text: 'hi' } })).body.data).toEqual({
      tools_zodEcho: { text: 'hi' },
    });
    const bad = firstError(await post(echo, { input: { text: 'h' } }));
    expect(bad.extensions?.code).toBe('INVALID_INPUT');
    expect(bad.extensions?.issues?.[0]?.path).toEqual(['text']);
  });

  it('refuses variables the schema cannot coerce with INVALID_INPUT and the request id', async () => {
    const answer: Answer = await post(CAPTURE, { input: { ...capture, amount: 'lots' } }, 'alice', {
      'x-request-id': 'req-coerce',
    });
    expect(answer.body.data).toBeUndefined();
    expect(firstError(answer).extensions).toEqual({ code: 'INVALID_INPUT', requestId: 'req-coerce' });
    expect(firstError(answer).message).toContain('$input');
  });
});
