// End to end over a real node:http server (createNodeHandler) on 127.0.0.1, called with fetch:
// response headers, the body limit (413 without reading the body), and opt-in CORS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BASE,
  errorOf,
  jsonInit,
  makeFixture,
  type Running,
  rawExchange,
  rawHeader,
  read,
  startServer,
} from './helpers.js';

const fixture = makeFixture();
let server: Running;
beforeAll(async () => {
  server = await startServer(fixture.registry);
});
afterAll(() => server.close());

const call = async (path: string, init: RequestInit = {}) => read(await fetch(`${server.url}${path}`, init));
const capture = { invoiceId: 'inv_1', amount: 49.9, currency: 'usd', paymentMethodId: 'pm_card_visa' };
const CAPTURE = `${BASE}/billing.capturePayment`;

describe('headers', () => {
  const requests: [string, string, RequestInit][] = [
    ['200', CAPTURE, jsonInit(capture, 'alice')],
    ['400', CAPTURE, jsonInit('{', 'alice')],
    ['401', CAPTURE, jsonInit(capture)],
    ['404', `${BASE}/nope.nope`, {}],
    ['405', CAPTURE, {}],
    ['413', CAPTURE, jsonInit(`"${'x'.repeat(1024 * 1024)}"`, 'alice')],
    ['415', CAPTURE, { method: 'POST', body: 'a=1', headers: { 'content-type': 'text/plain' } }],
    ['openapi.json', `${BASE}/openapi.json`, {}],
    ['the docs page', `${BASE}/docs`, {}],
    ['a docs asset', `${BASE}/docs/assets/init.js`, {}],
  ];
  it.each(requests)(
    '%s has X-Request-Id, Content-Type and an exact Content-Length',
    async (_, path, init) => {
      const response = await fetch(`${server.url}${path}`, init);
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect(response.headers.get('x-request-id')).toMatch(/^[A-Za-z0-9._:-]{1,128}$/);
      expect(response.headers.get('content-type')).toMatch(/charset=utf-8$/);
      expect(response.headers.get('content-length')).toBe(String(bytes.byteLength));
      if (
        response.headers.get('content-type')?.startsWith('application/json') &&
        path !== `${BASE}/openapi.json`
      )
        expect(response.headers.get('cache-control')).toBe('no-store');
    },
  );

  it.each([
    ['a valid id is echoed', 'abc-123.x:y_z', 'abc-123.x:y_z'],
    ['an id with spaces is replaced', 'a b', undefined],
    ['an id over 128 characters is replaced', 'x'.repeat(129), undefined],
  ])('X-Request-Id: %s', async (_, sent, expected) => {
    for (const [path, method] of [
      [CAPTURE, 'POST'],
      [`${BASE}/nope.nope`, 'POST'],
      [CAPTURE, 'GET'],
      [`${BASE}/docs`, 'GET'],
    ]) {
      const init = jsonInit(capture, 'alice', { 'x-request-id': sent });
      const answer = await call(path as string, method === 'GET' ? { headers: init.headers } : init);
      const id = answer.headers.get('x-request-id');
      if (expected !== undefined) expect(id).toBe(expected);
      else expect(id).not.toBe(sent);
    }
  });

  it('Idempotency-Key: required, replayed with Idempotent-Replayed, conflict on other input', async () => {
    const refund = (body: unknown, key?: string) =>
      call(
        `${BASE}/billing.refund`,
        jsonInit(body, 'alice', key === undefined ? {} : { 'idempotency-key': key }),
      );
    const missing = await refund({ paymentId: 'pay_1' });
    expect(missing.status).toBe(400);
    expect(errorOf(missing).issues?.map((issue) => issue.path)).toContainEqual(['idempotencyKey']);
    const first = await refund({ paymentId: 'pay_1' }, 'key-1');
    const again = await refund({ paymentId: 'pay_1' }, 'key-1');
    const other = await refund({ paymentId: 'pay_2' }, 'key-1');
    expect(first).toMatchObject({ status: 200, body: { refundId: 're_1' } });
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(again).toMatchObject({ status: 200, body: { refundId: 're_1' } });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(other.status).toBe(409);
    expect(errorOf(other).code).toBe('CONFLICT');
    expect(fixture.calls.refund).toBe(1);
  });

  it('429 RATE_LIMITED with Retry-After after the limit', async () => {
    const statuses: number[] = [];
    let last = await call(`${BASE}/ops.limitedPing`, jsonInit({}, 'rate-user'));
    statuses.push(last.status);
    for (let i = 0; i < 2; i++) {
      last = await call(`${BASE}/ops.limitedPing`, jsonInit({}, 'rate-user'));
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(errorOf(last).code).toBe('RATE_LIMITED');
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(last.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect((await call(`${BASE}/ops.limitedPing`, jsonInit({}, 'other-user'))).status).toBe(200);
  });

  it.each([
    ['a deprecated op', `${BASE}/billing.legacyCharge`, true],
    ['a stable op', `${BASE}/catalog.getProduct?sku=a`, false],
  ])('Deprecation, Sunset and Link for %s', async (_, path, deprecated) => {
    const answer = await call(path, path.includes('?') ? {} : jsonInit({}));
    expect(answer.status).toBe(200);
    if (!deprecated) {
      for (const name of ['deprecation', 'sunset', 'link']) expect(answer.headers.get(name)).toBeNull();
      return;
    }
    expect(answer.headers.get('deprecation')).toBe(`@${Date.parse('2026-01-01') / 1000}`);
    expect(answer.headers.get('sunset')).toBe('Fri, 01 Jan 2027 00:00:00 GMT');
    expect(answer.headers.get('link')).toBe(`<${CAPTURE}/v1>; rel="successor-version"`);
  });
});

describe('body limit: 413 without reading the whole body', () => {
  const TWO_MIB = 2 * 1024 * 1024;
  const piece = Buffer.alloc(16 * 1024, 'a');
  const head = (framing: string) =>
    `POST ${CAPTURE} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAuthorization: Bearer alice\r\n${framing}\r\n`;
  function* body(count: number, chunked: boolean) {
    for (let i = 0; i < count; i++)
      yield chunked
        ? Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')])
        : piece;
  }

  it.each([
    ['declared by Content-Length', `Content-Length: ${TWO_MIB}\r\n`, false],
    ['chunked, without Content-Length', 'Transfer-Encoding: chunked\r\n', true],
  ])('a 2 MiB body %s', async (_, framing, chunked) => {
    // Never sends the whole body (nor the chunked terminator): the server must answer anyway.
    const answer = await rawExchange(server.port, head(framing), body(TWO_MIB / piece.length - 1, chunked));
    expect(answer.status).toBe(413);
    expect(rawHeader(answer.head, 'x-request-id')).toBeTruthy();
    expect(rawHeader(answer.head, 'connection')).toBe('close');
    expect(answer.closed).toBe(true);
    expect(answer.sentBytes).toBeLessThan(TWO_MIB);
    // The server keeps serving, on a new connection.
    expect((await call(CAPTURE, jsonInit(capture, 'alice'))).status).toBe(200);
  });

  it('a configured limit applies', async () => {
    const small = await startServer(fixture.registry, { bodyLimit: 200 });
    try {
      const big = await read(
        await fetch(`${small.url}${CAPTURE}`, jsonInit({ ...capture, pad: 'x'.repeat(200) }, 'alice')),
      );
      const ok = await read(await fetch(`${small.url}${CAPTURE}`, jsonInit(capture, 'alice')));
      expect([big.status, errorOf(big).code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
      expect(ok.status).toBe(200);
    } finally {
      await small.close();
    }
  });
});

describe('CORS', () => {
  const corsOptions = { cors: { origins: ['https://app.example'], allowHeaders: ['X-Trace'] } };
  let withCors: Running;
  beforeAll(async () => {
    withCors = await startServer(fixture.registry, corsOptions);
  });
  afterAll(() => withCors.close());
  const acHeaders = (headers: Headers) =>
    [...headers.keys()].filter((name) => name.startsWith('access-control-'));
  const preflight = (origin: string, path = CAPTURE) => ({
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    },
    path,
  });

  it.each([
    [
      'an actual request',
      { ...jsonInit(capture, 'alice', { origin: 'https://app.example' }), path: CAPTURE },
    ],
    ['a preflight', preflight('https://app.example')],
  ])('is off by default: %s gets no access-control-* header', async (_, { path, ...init }) => {
    const answer = await call(path, init);
    expect(acHeaders(answer.headers)).toEqual([]);
  });

  it.each([
    ['a command', CAPTURE, 'POST'],
    ['a query', `${BASE}/billing.listInvoices`, 'GET, POST'],
  ])('answers a preflight for %s from an allowed origin with 204', async (_, path, methods) => {
    const { path: p, ...init } = preflight('https://app.example', path);
    const response = await fetch(`${withCors.url}${p}`, init);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(response.headers.get('access-control-allow-methods')).toBe(methods);
    expect(response.headers.get('access-control-allow-headers')?.split(', ')).toEqual(
      expect.arrayContaining(['content-type', 'authorization', 'idempotency-key', 'x-request-id', 'x-trace']),
    );
    expect(response.headers.get('access-control-max-age')).toBe('600');
    expect(response.headers.get('x-request-id')).toBeTruthy();
    expect(response.headers.get('vary')).toBe('Origin');
  });

  it('lets an allowed origin read the response, exposing the API headers', async () => {
    const response = await fetch(
      `${withCors.url}${CAPTURE}`,
      jsonInit(capture, 'alice', { origin: 'https://app.example' }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(response.headers.get('access-control-expose-headers')).toContain('x-request-id');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it.each([
    ['a preflight', preflight('https://evil.example')],
    [
      'an actual request',
      { ...jsonInit(capture, 'alice', { origin: 'https://evil.example' }), path: CAPTURE },
    ],
    [
      'a look-alike origin',
      { ...jsonInit(capture, 'alice', { origin: 'https://app.example.evil' }), path: CAPTURE },
    ],
  ])('gives a disallowed origin no allow-origin: %s', async (_, { path, ...init }) => {
    const response = await fetch(`${withCors.url}${path}`, init);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-methods')).toBeNull();
  });
});
