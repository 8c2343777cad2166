import { describe, expect, it } from 'vitest';
import { callFromDocument, type FetchLike } from './document-client.fixture.js';
import { generateOpenApi } from './index.js';
import { fixtureRegistry } from './registry.fixture.js';

interface Recorded {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
}

/** A fake `fetch` that records each request and answers 200 with a JSON body and a request id. */
function recorder(): { fetchImpl: FetchLike; requests: Recorded[] } {
  const requests: Recorded[] = [];
  const fetchImpl: FetchLike = async (url, init) => {
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => {
      headers[name] = value;
    });
    requests.push({
      url,
      method: init.method ?? 'GET',
      headers,
      body: typeof init.body === 'string' ? init.body : undefined,
    });
    return new Response(JSON.stringify({ ok: true }), {
      status: 200,
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-1' },
    });
  };
  return { fetchImpl, requests };
}

const doc = generateOpenApi(fixtureRegistry(), { servers: [{ url: 'https://api.test/' }] });
const captureInput = { invoiceId: 'inv_1', amount: { amount: 1250, currency: 'EUR' }, method: 'card' };

describe('callFromDocument (a client built from the document alone)', () => {
  it('a command: POST to the unversioned path with a JSON body and the documented headers', async () => {
    const { fetchImpl, requests } = recorder();
    const result = await callFromDocument(doc, 'billing_capturePayment', captureInput, fetchImpl, {
      idempotencyKey: 'key-1',
      requestId: 'req-1',
      bearerToken: 'tok',
    });
    expect(requests).toEqual([
      {
        url: 'https://api.test/api/ops/billing.capturePayment',
        method: 'POST',
        headers: {
          accept: 'application/json',
          authorization: 'Bearer tok',
          'content-type': 'application/json',
          'idempotency-key': 'key-1',
          'x-request-id': 'req-1',
        },
        body: JSON.stringify(captureInput),
      },
    ]);
    expect(result).toMatchObject({ status: 200, body: { ok: true }, headers: { 'x-request-id': 'req-1' } });
  });

  it('a versioned path: the deprecated v1 by its own operation id', async () => {
    const { fetchImpl, requests } = recorder();
    await callFromDocument(doc, 'billing_capturePayment_v1', captureInput, fetchImpl, {
      idempotencyKey: 'k',
    });
    expect(requests[0]?.url).toBe('https://api.test/api/ops/billing.capturePayment/v1');
    expect(requests[0]?.method).toBe('POST');
    expect(requests[0]?.headers['idempotency-key']).toBe('k');
    expect(requests[0]?.headers).not.toHaveProperty('x-request-id');
  });

  it('refuses to call without a header the document requires', async () => {
    const { fetchImpl, requests } = recorder();
    await expect(callFromDocument(doc, 'billing_capturePayment_v2', captureInput, fetchImpl)).rejects.toThrow(
      /requires the Idempotency-Key header/,
    );
    expect(requests).toEqual([]);
  });

  it('sends an optional Idempotency-Key only when given', async () => {
    const { fetchImpl, requests } = recorder();
    await callFromDocument(doc, 'billing_sendReminder_v1', { invoiceId: 'inv_1' }, fetchImpl);
    expect(requests[0]?.headers).not.toHaveProperty('idempotency-key');
  });

  it('a query by GET in the flat form: one parameter per field, arrays repeated, no body', async () => {
    const { fetchImpl, requests } = recorder();
    const input = { invoiceId: 'inv_1', include: ['lines', 'payments'], limit: 5, expand: true };
    await callFromDocument(doc, 'billing_getInvoice_v1', input, fetchImpl, { bearerToken: 'tok' });
    expect(requests).toEqual([
      {
        url: 'https://api.test/api/ops/billing.getInvoice/v1?invoiceId=inv_1&include=lines&include=payments&limit=5&expand=true',
        method: 'GET',
        headers: { accept: 'application/json', authorization: 'Bearer tok' },
        body: undefined,
      },
    ]);
  });

  it('a query by GET with a nested field: the whole input as JSON in `input`', async () => {
    const { fetchImpl, requests } = recorder();
    const input = { invoiceId: 'inv_1', shippedTo: { line1: '1 Main St', country: 'FR' } };
    await callFromDocument(doc, 'billing_getInvoice', input, fetchImpl);
    const url = new URL(requests[0]?.url ?? '');
    expect(url.pathname).toBe('/api/ops/billing.getInvoice');
    expect([...url.searchParams.keys()]).toEqual(['input']);
    expect(JSON.parse(url.searchParams.get('input') ?? '')).toEqual(input);
  });

  it('a query by POST through its `_post` operation id', async () => {
    const { fetchImpl, requests } = recorder();
    await callFromDocument(doc, 'billing_getInvoice_v1_post', { invoiceId: 'inv_1' }, fetchImpl);
    expect(requests[0]).toMatchObject({
      url: 'https://api.test/api/ops/billing.getInvoice/v1',
      method: 'POST',
      body: '{"invoiceId":"inv_1"}',
    });
  });

  it('an anonymous zod query: JSON `input` form and no credentials (security: [])', async () => {
    const { fetchImpl, requests } = recorder();
    await callFromDocument(doc, 'catalog_searchProducts_v1', { q: 'mug' }, fetchImpl, { bearerToken: 'tok' });
    expect(requests[0]?.url).toBe(
      `https://api.test/api/ops/catalog.searchProducts/v1?input=${encodeURIComponent('{"q":"mug"}')}`,
    );
    expect(requests[0]?.headers).not.toHaveProperty('authorization');
  });

  it('rejects operation ids the document does not have', async () => {
    const { fetchImpl } = recorder();
    await expect(callFromDocument(doc, 'billing_refundPayment_v1', {}, fetchImpl)).rejects.toThrow(
      /not in the document/,
    );
  });
});
