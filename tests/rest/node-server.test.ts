// End to end over a real node:http server (createNodeHandler) on 127.0.0.1, called with fetch:
// routing, methods and the pipeline outcomes (more in node-server-headers.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, errorOf, jsonInit, LateOp, makeFixture, type Running, read, startServer } from './helpers.js';

const fixture = makeFixture();
let server: Running;
beforeAll(async () => {
  server = await startServer(fixture.registry);
});
afterAll(() => server.close());

const call = async (path: string, init: RequestInit = {}) => read(await fetch(`${server.url}${path}`, init));
const capture = { invoiceId: 'inv_1', amount: 49.9, currency: 'usd', paymentMethodId: 'pm_card_visa' };
const CAPTURE = `${BASE}/billing.capturePayment`;

describe('routing by exact name, from the registry as it is now', () => {
  it.each([
    ['the latest version', CAPTURE],
    ['an explicit version', `${CAPTURE}/v1`],
  ])('serves %s', async (_, path) => {
    const answer = await call(path, jsonInit(capture, 'alice'));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'succeeded', transactionId: expect.stringMatching(/^pi_/) });
  });

  it.each([
    ['an unknown operation', `${BASE}/billing.nope`],
    ['a prefix of a name', `${BASE}/billing.capture`],
    ['a name with a suffix', `${BASE}/billing.capturePaymentX`],
    ['the domain alone', `${BASE}/billing`],
    ['an unknown version', `${CAPTURE}/v9`],
    ['a version without v', `${CAPTURE}/1`],
    ['a trailing slash', `${CAPTURE}/`],
    ['an extra segment', `${CAPTURE}/v1/extra`],
    ['a sibling of the base path', `/api/opsx/billing.capturePayment`],
    ['a path outside the base path', '/billing.capturePayment'],
    ['the base path itself', BASE],
  ])('answers 404 NOT_FOUND for %s', async (_, path) => {
    const answer = await call(path, jsonInit(capture, 'alice'));
    expect(answer.status).toBe(404);
    expect(errorOf(answer)).toMatchObject({ code: 'NOT_FOUND', requestId: expect.any(String) });
    expect(answer.headers.get('x-request-id')).toBe(errorOf(answer).requestId);
  });

  it.each([
    ['latest resolves to the stable v1, not the newer beta', '', 1],
    ['/v1 is v1', '/v1', 1],
    ['/v2 is the beta v2', '/v2', 2],
  ])('%s', async (_, suffix, version) => {
    const answer = await call(`${BASE}/catalog.getProduct${suffix}?sku=s1`);
    expect(answer).toMatchObject({ status: 200, body: { sku: 's1', version } });
  });

  it('serves an operation registered after the server started, at once (no frozen tables)', async () => {
    expect((await call(`${BASE}/ops.lateArrival`)).status).toBe(404);
    fixture.registry.install(LateOp, () => ({ pong: true }));
    expect(await call(`${BASE}/ops.lateArrival`)).toMatchObject({ status: 200, body: { pong: true } });
    const doc = (await call(`${BASE}/openapi.json`)).body as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain(`${BASE}/ops.lateArrival`);
  });
});

describe('methods', () => {
  it.each([
    ['GET on a command', 'GET', CAPTURE, 'POST'],
    ['PUT on a command', 'PUT', CAPTURE, 'POST'],
    ['OPTIONS on a command without CORS', 'OPTIONS', CAPTURE, 'POST'],
    ['DELETE on a query', 'DELETE', `${BASE}/billing.listInvoices`, 'GET, POST'],
    ['PATCH on a versioned query', 'PATCH', `${BASE}/catalog.getProduct/v2`, 'GET, POST'],
    ['POST on openapi.json', 'POST', `${BASE}/openapi.json`, 'GET, HEAD'],
    ['DELETE on the docs page', 'DELETE', `${BASE}/docs`, 'GET, HEAD'],
  ])('%s is 405 with Allow', async (_, method, path, allow) => {
    const answer = await call(path, { method, headers: { authorization: 'Bearer alice' } });
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe(allow);
    expect(errorOf(answer).code).toBe('METHOD_NOT_ALLOWED');
  });

  it.each([
    ['GET with flat parameters', `?minAmount=5`, {}],
    ['GET with the JSON `input` parameter', `?input=${encodeURIComponent('{"minAmount":5}')}`, {}],
    ['POST with a JSON body', '', jsonInit({ minAmount: 5 })],
  ])('a query answers %s', async (_, query, init) => {
    const headers = { authorization: 'Bearer alice', ...(init as { headers?: object }).headers };
    const answer = await call(`${BASE}/billing.listInvoices${query}`, { ...init, headers });
    expect(answer).toMatchObject({ status: 200, body: { minAmount: 5 } });
  });
});

describe('input: the pipeline outcome for each request', () => {
  const post = (body: unknown, user?: string) => call(CAPTURE, jsonInit(body, user));
  it.each([
    ['no session', 401, 'UNAUTHENTICATED', capture, undefined, false],
    ["another user's invoice", 403, 'FORBIDDEN', capture, 'bob', false],
    [
      'an already paid invoice (declared)',
      409,
      'ALREADY_PAID',
      { ...capture, invoiceId: 'inv_paid' },
      'alice',
      true,
    ],
    [
      'a declined card (declared, with data)',
      402,
      'CARD_DECLINED',
      { ...capture, paymentMethodId: 'pm_card_declined' },
      'alice',
      true,
    ],
  ])('%s: %i %s', async (_, status, code, body, user, handlerRuns) => {
    const before = fixture.calls.capture;
    const answer = await post(body, user);
    expect(answer.status).toBe(status);
    expect(errorOf(answer)).toMatchObject({
      code,
      message: expect.any(String),
      requestId: expect.any(String),
    });
    expect(errorOf(answer).issues).toBeUndefined();
    expect(fixture.calls.capture).toBe(handlerRuns ? before + 1 : before);
    if (code === 'CARD_DECLINED') expect(errorOf(answer).data).toEqual({ declineCode: 'insufficient_funds' });
  });

  it.each([
    ['a negative amount', { ...capture, amount: -5 }, ['amount']],
    ['an amount as a string', { ...capture, amount: '10' }, ['amount']],
    ['a missing invoiceId', { ...capture, invoiceId: undefined }, ['invoiceId']],
    ['an empty invoiceId', { ...capture, invoiceId: '' }, ['invoiceId']],
    ['an unknown key', { ...capture, isAdmin: true }, ['isAdmin']],
    ['an empty body', '', ['invoiceId']],
    ['malformed JSON', '{"invoiceId":', []],
    ['a JSON array', '[1,2]', []],
  ])('%s is 400 INVALID_INPUT with the path', async (_, body, path) => {
    const answer = await post(body, 'alice');
    expect(answer.status).toBe(400);
    expect(errorOf(answer).code).toBe('INVALID_INPUT');
    expect(errorOf(answer).issues?.map((issue) => issue.path)).toContainEqual(path);
  });

  it.each([
    ['a form post', 'application/x-www-form-urlencoded', 'invoiceId=inv_1'],
    ['multipart', 'multipart/form-data; boundary=x', '--x--'],
    ['text/plain', 'text/plain', JSON.stringify(capture)],
    ['another charset', 'application/json; charset=latin1', JSON.stringify(capture)],
    ['a JSON-like type', 'application/jsonx', JSON.stringify(capture)],
  ])('%s is 415', async (_, type, body) => {
    const answer = await call(CAPTURE, {
      method: 'POST',
      headers: { 'content-type': type, authorization: 'Bearer alice' },
      body,
    });
    expect(answer.status).toBe(415);
    expect(errorOf(answer).code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it.each([
    [
      'flat parameters, coerced by type',
      '?status=open&minAmount=-3&overdue=true&tags=a&tags=b',
      200,
      { status: 'open', minAmount: -3, overdue: true, tags: ['a', 'b'] },
    ],
    ['one value of an array field', '?tags=a', 200, { tags: ['a'] }],
    ['a bad enum', '?status=bogus', 400, ['status']],
    ['a bad int', '?minAmount=1.5', 400, ['minAmount']],
    ['text for an int', '?minAmount=ten', 400, ['minAmount']],
    ['a bad boolean', '?overdue=yes', 400, ['overdue']],
    ['an unknown parameter', '?nope=1', 400, ['nope']],
    ['input mixed with flat parameters', '?input=%7B%7D&status=open', 400, ['input']],
    ['an `input` that is not JSON', '?input=%7B', 400, ['input']],
  ])('GET query: %s', async (_, query, status, expected) => {
    const answer = await call(`${BASE}/billing.listInvoices${query}`, {
      headers: { authorization: 'Bearer alice' },
    });
    expect(answer.status).toBe(status);
    if (status === 200) expect(answer.body).toEqual(expected);
    else expect(errorOf(answer).issues?.map((issue) => issue.path)).toContainEqual(expected);
  });
});
