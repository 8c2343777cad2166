// CSRF-safe defaults and the GraphQL-over-HTTP protocol edges, over real HTTP: only JSON POSTs
// and GET queries carrying a preflight-only header run; every refusal is coded and names its
// request id; no refused request reaches an operation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Answer,
  fetchTransport,
  firstError,
  makeFixture,
  nodeTransport,
  type Transport,
} from './fixture.js';

const QUERY = '{ ops_crash { pong } }';
const MUTATION = 'mutation { billing_legacyCharge { pong } }';
const url = (query: string) => `/graphql?query=${encodeURIComponent(query)}`;

function expectRefused(answer: Answer, status: number, code: string) {
  expect(answer.status).toBe(status);
  const error = firstError(answer);
  expect(error.extensions?.code).toBe(code);
  expect(error.extensions?.requestId).toBe(answer.headers.get('x-request-id'));
}

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

  it.each([
    ['a form post', 'application/x-www-form-urlencoded', `query=${encodeURIComponent(QUERY)}`],
    ['a text/plain post', 'text/plain', JSON.stringify({ query: QUERY })],
    ['a multipart post', 'multipart/form-data; boundary=x', `--x\r\n\r\n${QUERY}\r\n--x--`],
    ['JSON in another charset', 'application/json; charset=latin1', JSON.stringify({ query: QUERY })],
  ])('refuses %s (what a cross-site page can send without preflight) with 415', async (_, type, body) => {
    const answer = await t.send('/graphql', { method: 'POST', headers: { 'content-type': type }, body });
    expectRefused(answer, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(fixture.calls.crash).toBe(0);
  });

  it('refuses a GET without a preflight-only header with 403 FORBIDDEN', async () => {
    const answer = await t.send(url(QUERY), { headers: { accept: 'application/json' } });
    expectRefused(answer, 403, 'FORBIDDEN');
    expect(firstError(answer).message).toContain('x-requested-with');
    expect(fixture.calls.crash).toBe(0);
  });

  it('runs a GET query that carries such a header', async () => {
    const answer = await t.send(url('{ catalog_getProduct(input: { sku: "s1" }) { sku } }'), {
      headers: { 'x-requested-with': 'fetch' },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({ catalog_getProduct: { sku: 's1' } });
  });

  it('refuses a mutation over GET with 405 and Allow: POST, even with the header', async () => {
    const answer = await t.send(url(MUTATION), { headers: { 'graphql-require-preflight': '1' } });
    expectRefused(answer, 405, 'METHOD_NOT_ALLOWED');
    expect(answer.headers.get('allow')).toBe('POST');
    expectRefused(await t.send(url(MUTATION), {}), 403, 'FORBIDDEN');
  });

  it.each(['PUT', 'DELETE', 'PATCH'])('answers %s with 405 and Allow: GET, POST', async (method) => {
    const answer = await t.send('/graphql', {
      method,
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expectRefused(answer, 405, 'METHOD_NOT_ALLOWED');
    expect(answer.headers.get('allow')).toBe('GET, POST');
  });

  it.each([
    ['malformed JSON', '{"query":', 'Unparsable JSON body'],
    ['no query', '{"variables":{}}', 'Missing query'],
    ['variables that are not an object', `{"query":"${QUERY}","variables":[1]}`, 'Invalid variables'],
  ])('answers %s with 400 INVALID_INPUT', async (_, body, message) => {
    const answer = await t.send('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expectRefused(answer, 400, 'INVALID_INPUT');
    expect(firstError(answer).message).toBe(message);
  });

  it('answers 406 when the client accepts no JSON', async () => {
    const answer = await t.send('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/html' },
      body: JSON.stringify({ query: QUERY }),
    });
    expect(answer.status).toBe(406);
    expect(answer.headers.get('x-request-id')).toBeTruthy();
  });

  it('answers 404 NOT_FOUND outside the GraphQL path', async () => {
    const answer = await t.send('/graphql/extra', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: QUERY }),
    });
    expectRefused(answer, 404, 'NOT_FOUND');
  });

  it('asks for operationName when a document has several operations', async () => {
    const answer = await t.send('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query A { __typename } query B { __typename }' }),
    });
    expect(firstError(answer).extensions?.code).toBe('INVALID_INPUT');
    const chosen = await t.send('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query A { __typename } query B { __typename }', operationName: 'B' }),
    });
    expect(chosen.body.data).toEqual({ __typename: 'Query' });
  });
});

describe('CSRF prevention switched off', () => {
  const fixture = makeFixture();
  let t: Transport;
  beforeAll(async () => {
    t = await nodeTransport(fixture.registry, { csrfPrevention: false });
  });
  afterAll(() => t.close());

  it('runs a plain GET query, and still refuses a GET mutation', async () => {
    const answer = await t.send(url('{ catalog_getProduct(input: { sku: "s1" }) { sku } }'), {});
    expect(answer.body.data).toEqual({ catalog_getProduct: { sku: 's1' } });
    expectRefused(await t.send(url(MUTATION), {}), 405, 'METHOD_NOT_ALLOWED');
  });
});
