// Abusive input over the real node:http server: never a 5xx, the process keeps serving, and
// Object.prototype stays as it was. "Bounded time" is the test timeout (no timed assertions).
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BASE, errorOf, jsonInit, makeFixture, type Running, read, startServer } from './helpers.js';

const fixture = makeFixture();
let server: Running;
const prototypeKeys = Reflect.ownKeys(Object.prototype);
beforeAll(async () => {
  // A large header limit, so a 100k-level `input` query parameter reaches our code (Node's
  // default 16 KiB would answer 431 before the handler runs).
  server = await startServer(fixture.registry, {}, { maxHeaderSize: 4 * 1024 * 1024 });
});
afterAll(() => server.close());

/** After every abuse: Object.prototype untouched and the server still answers a normal call. */
afterEach(async () => {
  expect(Reflect.get({}, 'polluted')).toBeUndefined();
  expect(Reflect.ownKeys(Object.prototype)).toEqual(prototypeKeys);
  const health = await fetch(`${server.url}${BASE}/catalog.getProduct?sku=health`);
  expect(health.status).toBe(200);
  await health.arrayBuffer();
});

const CAPTURE = `${BASE}/billing.capturePayment`;
const LIST = `${BASE}/billing.listInvoices`;
const valid = { invoiceId: 'inv_1', amount: 1, currency: 'usd', paymentMethodId: 'pm_card_visa' };
const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
const deepObject = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
const withRaw = (field: string, raw: string) =>
  JSON.stringify({ ...valid, [field]: '@' }).replace('"@"', raw);
const manyKeys = JSON.stringify({
  ...valid,
  ...Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i])),
});
const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

type Row = [name: string, path: string, init: RequestInit, expected: number];
const post = (body: RequestInit['body'], type = 'application/json'): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': type, authorization: 'Bearer alice' },
  body,
});
const get = (query: string): [string, RequestInit] => [
  `${LIST}?${query}`,
  { headers: { authorization: 'Bearer alice' } },
];

const rows: Row[] = [
  [
    'a body over the limit',
    CAPTURE,
    post(JSON.stringify({ ...valid, pad: 'x'.repeat(2 * 1024 * 1024) })),
    413,
  ],
  ['100k levels of arrays in a field', CAPTURE, post(withRaw('invoiceId', deep(100_000))), 400],
  ['100k levels of arrays in an unknown field', CAPTURE, post(withRaw('extra', deep(100_000))), 400],
  ['100k levels of objects in a field', CAPTURE, post(withRaw('amount', deepObject(100_000))), 400],
  ['100k levels of arrays as the body', CAPTURE, post(deep(100_000)), 400],
  ['100k levels in the `input` query parameter', ...get(`input=${encodeURIComponent(deep(100_000))}`), 400],
  ['100k levels of objects in `input`', ...get(`input=${encodeURIComponent(deepObject(100_000))}`), 400],
  ['text/plain', CAPTURE, post(JSON.stringify(valid), 'text/plain'), 415],
  ['a form post', CAPTURE, post('invoiceId=inv_1&amount=1', 'application/x-www-form-urlencoded'), 415],
  ['XML', CAPTURE, post('<a/>', 'application/xml'), 415],
  ['no content type', CAPTURE, { method: 'POST', body: new Uint8Array([123, 125]) }, 415],
  ['broken JSON', CAPTURE, post('{"invoiceId": "inv_1",'), 400],
  ['JSON with a trailing comma', CAPTURE, post('{"a":1,}'), 400],
  ['a bare NaN', CAPTURE, post('NaN'), 400],
  [
    'JSON with a BOM (UTF-8 decoding drops it)',
    CAPTURE,
    post(bytes([0xef, 0xbb, 0xbf], JSON.stringify(valid))),
    200,
  ],
  ['invalid UTF-8 bytes', CAPTURE, post(bytes('{"invoiceId":"', [0xff, 0xfe, 0xc3], '"}')), 400],
  ['a lone surrogate escape', CAPTURE, post(JSON.stringify({ ...valid, invoiceId: '\ud800' })), 400],
  [
    '__proto__ at the top',
    CAPTURE,
    post(`{"__proto__":{"polluted":1},${JSON.stringify(valid).slice(1)}`),
    400,
  ],
  [
    'constructor.prototype at the top',
    CAPTURE,
    post(withRaw('constructor', '{"prototype":{"polluted":1}}')),
    400,
  ],
  ['__proto__ nested in a field', CAPTURE, post(withRaw('invoiceId', '{"__proto__":{"polluted":1}}')), 400],
  [
    '__proto__ in an array field',
    ...get(`input=${encodeURIComponent('{"tags":[{"__proto__":{"polluted":1}}]}')}`),
    400,
  ],
  ['__proto__ in `input`', ...get(`input=${encodeURIComponent('{"__proto__":{"polluted":1}}')}`), 400],
  ['?__proto__[polluted]=1', ...get('__proto__[polluted]=1'), 400],
  ['?__proto__=x', ...get('__proto__=x'), 400],
  ['?constructor[prototype][polluted]=1', ...get('constructor[prototype][polluted]=1'), 400],
  ['?__proto__.polluted=1&__proto__=1', ...get('__proto__.polluted=1&__proto__=1'), 400],
  ['10,000 unknown keys', CAPTURE, post(manyKeys), 400],
  [
    '10,000 repeated query parameters',
    ...get(Array.from({ length: 10_000 }, (_, i) => `tags=t${i}`).join('&')),
    400,
  ],
  [
    'a 1,000,000-character string field',
    CAPTURE,
    post(JSON.stringify({ ...valid, invoiceId: 'x'.repeat(1_000_000) })),
    400,
  ],
  ['a huge number', CAPTURE, post(withRaw('amount', `1${'0'.repeat(400)}`)), 400],
];

describe('abusive input over a real server', () => {
  it.each(rows)('%s, never a 5xx', async (_, path, init, expected) => {
    const answer = await read(await fetch(`${server.url}${path}`, init));
    expect(answer.status).toBeLessThan(500);
    expect(answer.status).toBe(expected);
    expect(answer.headers.get('x-request-id')).toBeTruthy();
    if (expected !== 200) expect(errorOf(answer).code).toMatch(/^[A-Z_]+$/);
  });
});

describe('properties: arbitrary input never produces a 5xx', () => {
  // fast-check prints the seed and the shrunk counterexample when a run fails; FC_SEED replays one.
  const seed = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
  const params = { numRuns: 300, ...(seed === undefined ? {} : { seed }) };

  it('arbitrary JSON bodies, to a command and a query', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.boolean(), fc.boolean(), async (value, toQuery, signedIn) => {
        const response = await fetch(
          `${server.url}${toQuery ? LIST : CAPTURE}`,
          jsonInit(value, signedIn ? 'alice' : undefined),
        );
        await response.arrayBuffer();
        return response.status < 500 && response.headers.has('x-request-id');
      }),
      params,
    );
  });

  it('arbitrary objects shaped like the input', async () => {
    const field = fc.oneof(fc.jsonValue(), fc.constantFrom('__proto__', 'constructor', 'prototype'));
    const body = fc.dictionary(
      fc.oneof(fc.constantFrom(...Object.keys(valid), '__proto__', 'constructor'), fc.string()),
      field,
    );
    await fc.assert(
      fc.asyncProperty(body, async (input) => {
        const response = await fetch(`${server.url}${CAPTURE}`, jsonInit({ ...valid, ...input }, 'alice'));
        await response.arrayBuffer();
        return response.status < 500 && Reflect.get({}, 'polluted') === undefined;
      }),
      params,
    );
  });

  it('arbitrary query strings, to a query', async () => {
    const key = fc.oneof(
      fc.constantFrom('status', 'minAmount', 'overdue', 'tags', 'input', '__proto__'),
      fc.string(),
    );
    const query = fc.oneof(
      fc
        .array(fc.tuple(key, fc.string()), { maxLength: 8 })
        .map((pairs) => new URLSearchParams(pairs).toString()),
      fc
        .string({ unit: 'binary', maxLength: 200 })
        .map((text) => encodeURI(text.replace(/[\uD800-\uDFFF]/g, ''))),
      fc.jsonValue().map((value) => `input=${encodeURIComponent(JSON.stringify(value) ?? 'null')}`),
    );
    await fc.assert(
      fc.asyncProperty(query, fc.boolean(), async (text, signedIn) => {
        const headers: Record<string, string> = signedIn ? { authorization: 'Bearer alice' } : {};
        const response = await fetch(`${server.url}${LIST}?${text}`, { headers });
        await response.arrayBuffer();
        return response.status < 500;
      }),
      params,
    );
  });
});
