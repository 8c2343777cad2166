// The typed client against a real node:http server running the same specs (createNodeHandler).
import { createClient, unwrap } from '@lssm/lib.contracts/client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './server.js';
import { CapturePayment, Flap, ListInvoices, Slow } from './specs.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const payment = { invoiceId: 'inv_1', amount: 1250, currency: 'EUR', paymentMethodId: 'pm_visa' };

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.flapFailures = 0;
  server.dropConnections = 0;
});

const operations = {
  billing: { capturePayment: CapturePayment, listInvoices: ListInvoices },
  ops: { flap: Flap, slow: Slow },
};
const fast = { retries: 3, minDelayMs: 5, maxDelayMs: 2_000 };
const signedIn = () =>
  createClient({ baseUrl: server.url, operations, headers: { authorization: 'Bearer alice' }, retry: fast });

describe('the typed client', () => {
  it('calls the pinned version with the input as JSON and gives the output, request id and status', async () => {
    const result = await signedIn().billing.capturePayment(payment);
    expect(result).toMatchObject({
      ok: true,
      output: {
        transactionId: expect.stringMatching(/^pi_/),
        status: 'succeeded',
        capturedAt: '2026-11-27T10:00:00.000Z',
      },
      replayed: false,
      status: 200,
      attempts: 1,
    });
    expect(result.ok && result.requestId).toMatch(/\S+/);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/api/ops/billing.capturePayment/v1' });
    expect(server.requests[0]?.headers['content-type']).toBe('application/json');
  });

  it('sends a fresh idempotency key per command call, none for queries', async () => {
    const client = signedIn();
    await client.billing.capturePayment(payment);
    await client.billing.capturePayment(payment);
    await client.billing.listInvoices();
    const keys = server.requests.map((r) => r.headers['idempotency-key']);
    expect(keys[0]).toMatch(UUID);
    expect(keys[1]).toMatch(UUID);
    expect(keys[0]).not.toBe(keys[1]);
    expect(keys[2]).toBeUndefined();
  });

  it('surfaces Idempotent-Replayed: the same key replays the first answer without running again', async () => {
    const client = signedIn();
    const runs = server.runs.capture;
    const first = await client.billing.capturePayment(payment, { idempotencyKey: 'order-42' });
    const second = await client.billing.capturePayment(payment, { idempotencyKey: 'order-42' });
    expect(first).toMatchObject({ ok: true, replayed: false });
    expect(second).toMatchObject({ ok: true, replayed: true });
    expect(second.ok && second.output).toEqual(first.ok && first.output);
    expect(server.runs.capture).toBe(runs + 1);
  });

  it('gives declared domain errors with their code, status and typed data', async () => {
    const result = await signedIn().billing.capturePayment({ ...payment, paymentMethodId: 'pm_declined' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({
      name: 'ContractError',
      code: 'CARD_DECLINED',
      status: 402,
      attempts: 1,
    });
    if (result.error.code === 'CARD_DECLINED')
      expect(result.error.data.declineCode).toBe('insufficient_funds');
    expect(result.error.requestId).toMatch(/\S+/);
    expect(() => unwrap(result)).toThrow(result.error);
  });

  it('gives framework errors: INVALID_INPUT with issues, UNAUTHENTICATED without a token', async () => {
    const client = signedIn();
    const invalid = await client.billing.capturePayment({ ...payment, amount: -1 });
    expect(invalid.ok || invalid.error).toMatchObject({
      code: 'INVALID_INPUT',
      status: 400,
      issues: [{ path: ['amount'], code: 'too_small' }],
    });
    const anonymous = createClient({ baseUrl: server.url, operations, retry: false });
    const denied = await anonymous.billing.listInvoices({ status: 'paid' });
    expect(denied.ok || denied.error).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
  });

  it('asks a headers function on every call (a fresh token) and merges per-call headers', async () => {
    let token = 'alice';
    const client = createClient({
      baseUrl: `${server.url}/`,
      basePath: 'api/ops/',
      operations,
      headers: async () => ({ Authorization: `Bearer ${token}` }),
    });
    expect(await client.billing.listInvoices({ status: 'paid' })).toMatchObject({
      ok: true,
      output: { items: [{ id: 'inv_1', status: 'paid' }] },
    });
    token = 'bob';
    await client.billing.listInvoices(undefined, { headers: { 'x-request-id': 'req-bob-1' } });
    expect(server.requests[1]?.headers).toMatchObject({
      authorization: 'Bearer bob',
      'x-request-id': 'req-bob-1',
    });
    expect(server.requests[1]?.path).toBe('/api/ops/billing.listInvoices/v2');
  });

  it('shows deprecation headers of deprecated operations', async () => {
    const result = await signedIn().billing.listInvoices();
    expect(result.ok && result.headers.get('sunset')).toBe(new Date('2027-01-01').toUTCString());
    expect(result.ok && result.headers.get('deprecation')).toMatch(/^@\d+$/);
  });

  it('retries 503 with backoff and the same idempotency key until it succeeds', async () => {
    server.flapFailures = 2;
    const result = await signedIn().ops.flap();
    expect(result).toMatchObject({ ok: true, attempts: 3 });
    const keys = new Set(server.requests.map((r) => r.headers['idempotency-key']));
    expect(server.requests).toHaveLength(3);
    expect(keys.size).toBe(1);
    expect([...keys][0]).toMatch(UUID);
  });

  it('gives up after the configured retries with the last answer', async () => {
    server.flapFailures = 10;
    const result = await createClient({
      baseUrl: server.url,
      operations,
      retry: { retries: 1, minDelayMs: 1 },
    }).ops.flap();
    expect(result.ok || result.error).toMatchObject({ code: 'UNAVAILABLE', status: 503, attempts: 2 });
    expect(server.requests).toHaveLength(2);
    const once = await createClient({ baseUrl: server.url, operations, retry: false }).ops.flap();
    expect(once.ok || once.error).toMatchObject({ code: 'UNAVAILABLE', attempts: 1 });
  });

  it('retries a connection cut before any answer, with the same key, and the command runs once', async () => {
    server.dropConnections = 1;
    const runs = server.runs.capture;
    const result = await signedIn().billing.capturePayment(payment);
    expect(result).toMatchObject({ ok: true, attempts: 2, replayed: false });
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]?.headers['idempotency-key']).toBe(
      server.requests[1]?.headers['idempotency-key'],
    );
    expect(server.runs.capture).toBe(runs + 1);
  });

  it('waits out 409 while the same key is in flight, then gets the replayed answer', async () => {
    const client = signedIn();
    const runs = server.runs.slow;
    const first = client.ops.slow(undefined, { idempotencyKey: 'slow-1' });
    while (server.runs.slow === runs) await new Promise((r) => setTimeout(r, 5));
    const second = client.ops.slow(undefined, { idempotencyKey: 'slow-1' });
    while (server.requests.length < 2) await new Promise((r) => setTimeout(r, 5));
    setTimeout(() => server.releaseSlow(), 100);
    const [a, b] = await Promise.all([first, second]);
    expect(a).toMatchObject({ ok: true, replayed: false, attempts: 1 });
    expect(b).toMatchObject({ ok: true, replayed: true, attempts: 2 });
    expect(b.ok && b.output).toEqual(a.ok && a.output);
    expect(server.runs.slow).toBe(runs + 1);
  }, 10_000);

  it('answers UNAVAILABLE with status 0 when nothing answers, after its retries', async () => {
    const gone = await startTestServer();
    await gone.close();
    const client = createClient({ baseUrl: gone.url, operations, retry: { retries: 2, minDelayMs: 1 } });
    const result = await client.ops.flap();
    expect(result.ok || result.error).toMatchObject({
      code: 'UNAVAILABLE',
      status: 0,
      attempts: 3,
      origin: 'transport',
    });
  });

  it('rejects with the reason when the caller aborts, also while waiting to retry', async () => {
    server.flapFailures = 10;
    const controller = new AbortController();
    const client = createClient({
      baseUrl: server.url,
      operations,
      retry: { retries: 5, minDelayMs: 5_000 },
    });
    const call = client.ops.flap(undefined, { signal: controller.signal });
    while (server.requests.length < 1) await new Promise((r) => setTimeout(r, 5));
    controller.abort(new Error('user left'));
    await expect(call).rejects.toThrow('user left');
    expect(server.requests).toHaveLength(1);
  });

  it('reads answers that are not ours (a proxy page) as an error of the matching status', async () => {
    const proxy = createClient({
      baseUrl: server.url,
      operations,
      retry: false,
      fetch: async () =>
        new Response('<h1>Bad gateway</h1>', { status: 502, headers: { 'content-type': 'text/html' } }),
    });
    const result = await proxy.ops.flap();
    expect(result.ok || result.error).toMatchObject({
      code: 'UNAVAILABLE',
      status: 502,
      message: 'The server sent HTTP 502',
    });
  });

  it('refuses trees it cannot make a client of', () => {
    expect(() => createClient({ operations: { a: 1 } as never })).toThrow(/neither a spec/);
    expect(() => createClient({ operations: JSON.parse('{"then":{}}') })).toThrow(/"then"/);
    expect(() => createClient({ operations, basePath: '/api?x' })).toThrow(/basePath/);
  });
});
