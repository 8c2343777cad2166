// The core REST behaviours through the Fetch handler (real Request objects, no server) and the
// Next.js App Router handler (a Request with `nextUrl`, plus Next's route context argument).
import { makeFetchHandler } from '@lssm/lib.contracts/server/rest-fetch';
import { makeNextAppHandler, type NextAppRequest } from '@lssm/lib.contracts/server/rest-next-app';
import { describe, expect, it } from 'vitest';
import { BASE, errorOf, fetchContext, jsonInit, makeFixture, read } from './helpers.js';

const ORIGIN = 'http://localhost:3000';
const capture = { invoiceId: 'inv_1', amount: 49.9, currency: 'usd', paymentMethodId: 'pm_card_visa' };

type Handle = (path: string, init?: RequestInit) => Promise<Response>;

function fetchTransport(): Handle {
  const handler = makeFetchHandler(makeFixture().registry, fetchContext);
  return (path, init) => handler(new Request(`${ORIGIN}${path}`, init));
}

/**
 * Like Next.js: the app is mounted under `/shop` (its `basePath`), so the request URL carries the
 * prefix while `nextUrl.pathname` leaves it out; the route context holds the catch-all segments.
 */
function nextTransport(): Handle {
  const handler = makeNextAppHandler(makeFixture().registry, async (req) => fetchContext(req));
  return (path, init) => {
    const url = new URL(`${ORIGIN}/shop${path}`);
    const request: NextAppRequest = Object.assign(new Request(url, init), {
      nextUrl: { pathname: url.pathname.slice(5) },
    });
    const route = url.pathname.slice(`/shop${BASE}/`.length).split('/');
    return handler(request, { params: Promise.resolve({ route }) });
  };
}

const transports: [string, () => Handle][] = [
  ['makeFetchHandler', fetchTransport],
  ['makeNextAppHandler', nextTransport],
];

describe.each(transports)('%s', (_, make) => {
  const handle = make();
  const call = async (path: string, init?: RequestInit) => read(await handle(path, init));
  const CAPTURE = `${BASE}/billing.capturePayment`;

  it.each([
    ['200 for the owner', CAPTURE, jsonInit(capture, 'alice'), 200, undefined],
    ['200 for an explicit version', `${CAPTURE}/v1`, jsonInit(capture, 'alice'), 200, undefined],
    ['401 without a session', CAPTURE, jsonInit(capture), 401, 'UNAUTHENTICATED'],
    ["403 for another user's invoice", CAPTURE, jsonInit(capture, 'bob'), 403, 'FORBIDDEN'],
    ['404 for an unknown op', `${BASE}/billing.nope`, jsonInit(capture, 'alice'), 404, 'NOT_FOUND'],
    ['404 for a prefix', `${BASE}/billing.capture`, jsonInit(capture, 'alice'), 404, 'NOT_FOUND'],
    [
      '415 for a form post',
      CAPTURE,
      { method: 'POST', body: new URLSearchParams({ a: '1' }) },
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      '413 over the limit',
      CAPTURE,
      jsonInit({ pad: 'x'.repeat(1024 * 1024) }, 'alice'),
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    [
      '200 for a query by GET',
      `${BASE}/billing.listInvoices?status=open&tags=a`,
      { headers: { authorization: 'Bearer alice' } },
      200,
      undefined,
    ],
  ])('%s', async (_, path, init, status, code) => {
    const answer = await call(path, init);
    expect(answer.status).toBe(status);
    expect(answer.headers.get('x-request-id')).toBeTruthy();
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(answer.headers.get('content-length')).toBe(String(Buffer.byteLength(answer.text)));
    if (code !== undefined)
      expect(errorOf(answer)).toMatchObject({ code, requestId: answer.headers.get('x-request-id') });
  });

  it.each([
    ['a negative amount', { ...capture, amount: -5 }, ['amount']],
    ['an amount as a string', { ...capture, amount: '10' }, ['amount']],
    ['a missing invoiceId', { ...capture, invoiceId: undefined }, ['invoiceId']],
    ['an unknown key', { ...capture, isAdmin: true }, ['isAdmin']],
    ['malformed JSON', '{"amount": 1', []],
  ])('400 for %s, with the issue path', async (_, body, path) => {
    const answer = await call(CAPTURE, jsonInit(body, 'alice'));
    expect(answer.status).toBe(400);
    expect(errorOf(answer).code).toBe('INVALID_INPUT');
    expect(errorOf(answer).issues?.map((issue) => issue.path)).toContainEqual(path);
  });

  it.each([
    ['GET on a command', CAPTURE, 'GET', 'POST'],
    ['DELETE on a query', `${BASE}/billing.listInvoices`, 'DELETE', 'GET, POST'],
  ])('405 with Allow for %s', async (_, path, method, allow) => {
    const answer = await call(path, { method, headers: { authorization: 'Bearer alice' } });
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe(allow);
    expect(errorOf(answer).code).toBe('METHOD_NOT_ALLOWED');
  });

  it('serves openapi.json', async () => {
    const answer = await call(`${BASE}/openapi.json`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      openapi: '3.1.0',
      paths: { [`${BASE}/billing.capturePayment`]: {} },
    });
  });
});

describe('the API reference page', () => {
  it('is off through the plain Fetch handler without a docsAsset option', async () => {
    const handle = fetchTransport();
    for (const path of ['/docs', '/docs/assets/swagger-ui.css', '/docs/assets/init.js']) {
      const answer = await read(await handle(`${BASE}${path}`));
      expect([path, answer.status, errorOf(answer).code]).toEqual([path, 404, 'NOT_FOUND']);
    }
  });

  const handle = nextTransport();
  it('is served through the Next handler: the HTML page, from our own origin', async () => {
    const answer = await read(await handle(`${BASE}/docs`));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(answer.headers.get('x-request-id')).toBeTruthy();
    expect(answer.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(answer.text).toContain(`href="${BASE}/docs/assets/swagger-ui.css"`);
    expect(answer.text).toContain(`src="${BASE}/docs/assets/swagger-ui-bundle.js"`);
    expect(answer.text).toContain(`src="${BASE}/docs/assets/init.js"`);
    expect(answer.text).toContain(`data-spec="${BASE}/openapi.json"`);
    expect(answer.text).not.toMatch(/https?:\/\//);
  });

  it.each([
    ['swagger-ui.css', 'text/css; charset=utf-8', '.swagger-ui'],
    ['swagger-ui-bundle.js', 'text/javascript; charset=utf-8', 'SwaggerUIBundle'],
    ['init.js', 'text/javascript; charset=utf-8', 'SwaggerUIBundle('],
  ])('serves the asset %s', async (file, type, marker) => {
    const response = await handle(`${BASE}/docs/assets/${file}`);
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    expect(text).toContain(marker);
  });

  it.each(['index.html', 'package.json', '..%2Fpackage.json', 'swagger-ui.js'])(
    'answers 404 for any other file: %s',
    async (file) => {
      expect((await handle(`${BASE}/docs/assets/${file}`)).status).toBe(404);
    },
  );
});
