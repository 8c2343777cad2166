// Streamable HTTP at the wire level (raw fetch, both handlers): what a stateless MCP endpoint must
// answer to every kind of request, plus what only an in-process registry can show (audit records,
// the context factory, tools installed later).
import type { IncomingMessage } from 'node:http';
import { type AppContext, ContractError, defineQuery, installOp } from '@lssm/lib.contracts';
import { ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFrom, makeFixture } from './fixture.js';
import { connectHttp, type Running, startFetchServer, startNodeServer } from './helpers.js';

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...JSON_HEADERS, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === '' ? undefined : JSON.parse(text),
  };
}

const rpc = (id: number | string, method: string, params?: object) => ({
  jsonrpc: '2.0',
  id,
  method,
  params,
});

describe.each([
  ['Fetch handler', startFetchServer],
  ['node:http handler', (registry: Parameters<typeof startFetchServer>[0]) => startNodeServer(registry)],
])('Streamable HTTP wire behaviour, %s', (_name, start) => {
  let server: Running;
  beforeAll(async () => {
    server = await start(makeFixture().registry);
  });
  afterAll(() => server.close());

  it.each(['GET', 'DELETE', 'PUT'])(
    'answers %s with 405, Allow: POST and a JSON-RPC error',
    async (method) => {
      const response = await fetch(server.url, { method, headers: { accept: 'text/event-stream' } });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
      expect(await response.json()).toMatchObject({
        jsonrpc: '2.0',
        id: null,
        error: { code: -32005, data: { code: 'METHOD_NOT_ALLOWED', requestId: expect.any(String) } },
      });
    },
  );

  it('refuses a body that is not application/json with 415', async () => {
    const answer = await post(server.url, JSON.stringify(rpc(1, 'ping')), { 'content-type': 'text/plain' });
    expect(answer).toMatchObject({ status: 415, body: { error: { code: -32015 } } });
  });

  it('refuses a body over the limit with 413, without reading it', async () => {
    const answer = await post(server.url, { ...rpc(1, 'ping'), pad: 'x'.repeat(1024 * 1024) });
    expect(answer).toMatchObject({
      status: 413,
      body: { error: { code: -32013, data: { code: 'PAYLOAD_TOO_LARGE' } } },
    });
  });

  it('answers malformed JSON with a JSON-RPC parse error', async () => {
    expect(await post(server.url, '{"jsonrpc":')).toMatchObject({
      status: 400,
      body: { jsonrpc: '2.0', id: null, error: { code: -32700 } },
    });
  });

  it('refuses an unsupported MCP-Protocol-Version header with 400', async () => {
    const answer = await post(server.url, rpc(1, 'ping'), { 'mcp-protocol-version': '1999-01-01' });
    expect(answer).toMatchObject({ status: 400, body: { error: { code: -32600 } } });
    expect((await post(server.url, rpc(1, 'ping'), { 'mcp-protocol-version': '2025-06-18' })).status).toBe(
      200,
    );
  });

  it('refuses browsers from other origins with 403 (DNS rebinding protection)', async () => {
    const answer = await post(server.url, rpc(1, 'ping'), { origin: 'http://evil.example' });
    expect(answer).toMatchObject({
      status: 403,
      body: { error: { code: -32003, data: { code: 'FORBIDDEN' } } },
    });
  });

  it('answers 202 with no body to notifications and to responses', async () => {
    const notification = await post(server.url, { jsonrpc: '2.0', method: 'notifications/initialized' });
    expect(notification).toMatchObject({ status: 202, body: undefined });
    expect((await post(server.url, { jsonrpc: '2.0', id: 7, result: {} })).status).toBe(202);
  });

  it('answers a batch with the replies of its requests, in order', async () => {
    const answer = await post(server.url, [
      rpc(1, 'ping'),
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      rpc('two', 'tools/call', { name: 'catalog_getProduct', arguments: { sku: 's1' } }),
    ]);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual([
      { jsonrpc: '2.0', id: 1, result: {} },
      {
        jsonrpc: '2.0',
        id: 'two',
        result: {
          content: [{ type: 'text', text: '{"sku":"s1","version":1}' }],
          structuredContent: { sku: 's1', version: 1 },
        },
      },
    ]);
    expect(await post(server.url, [])).toMatchObject({ status: 400, body: { error: { code: -32600 } } });
    const tooMany = Array.from({ length: 101 }, (_, i) => rpc(i, 'ping'));
    expect(await post(server.url, tooMany)).toMatchObject({ status: 400, body: { error: { code: -32600 } } });
  });

  it('negotiates the protocol version: the client one when spoken, else the newest', async () => {
    const init = (protocolVersion: string) =>
      post(
        server.url,
        rpc(1, 'initialize', { protocolVersion, capabilities: {}, clientInfo: { name: 't', version: '1' } }),
      );
    expect(await init('2025-03-26')).toMatchObject({ body: { result: { protocolVersion: '2025-03-26' } } });
    expect(await init('2031-01-01')).toMatchObject({ body: { result: { protocolVersion: '2025-11-25' } } });
  });

  it.each([
    ['an unknown method', rpc(1, 'resources/list'), -32601],
    ['a message that is not JSON-RPC', 42, -32600],
    ['a request with a null id', { jsonrpc: '2.0', id: null, method: 'ping' }, -32600],
    ['params that are not an object', { jsonrpc: '2.0', id: 1, method: 'tools/list', params: [1] }, -32602],
    ['tools/call without a name', rpc(1, 'tools/call', { arguments: {} }), -32602],
    [
      'an idempotency key that is not a string',
      rpc(1, 'tools/call', { name: 'billing_refund', arguments: {}, _meta: { idempotencyKey: 5 } }),
      -32602,
    ],
  ])('answers %s with JSON-RPC error %d', async (_what, message, code) => {
    expect(await post(server.url, message)).toMatchObject({
      status: 200,
      body: { jsonrpc: '2.0', error: { code } },
    });
  });
});

const Ping = new SchemaModel({
  name: 'Ping',
  fields: { pong: { type: ScalarTypeEnum.Boolean(), isOptional: false } },
});
const Empty = new SchemaModel({ name: 'NoInput', fields: {} });
const LateOp = defineQuery({
  meta: {
    name: 'ops.lateArrival',
    version: 1,
    description: 'Installed later',
    owners: ['t'],
    stability: 'stable',
  },
  io: { input: Empty, output: Ping },
  policy: { auth: 'anonymous' },
});

describe('what the in-process registry shows', () => {
  const fixture = makeFixture();
  const made: string[] = [];
  let failing = false;
  const createContext = (req: IncomingMessage): AppContext => {
    made.push(req.headers.authorization ?? 'anonymous');
    if (failing) throw new Error('session store down: redis://secret');
    return contextFrom(req.headers.authorization);
  };
  let server: Running;
  beforeAll(async () => {
    server = await startNodeServer(fixture.registry, createContext);
  });
  afterAll(() => server.close());

  it("writes one audit record per call with transport 'mcp', denials and redaction included", async () => {
    const client = await connectHttp(server.url, 'alice');
    const input = { invoiceId: 'inv_1', amount: 10, currency: 'usd', paymentMethodId: 'pm_card_visa' };
    const before = fixture.audit.records().length;
    await client.callTool({ name: 'billing_capturePayment', arguments: input });
    const bob = await connectHttp(server.url, 'bob');
    await bob.callTool({ name: 'billing_capturePayment', arguments: input });
    const records = fixture.audit.records().slice(before);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      transport: 'mcp',
      operation: { name: 'billing.capturePayment', version: 1, kind: 'command' },
      actor: { type: 'user', userId: 'alice' },
      outcome: 'success',
      input: { invoiceId: 'inv_1', paymentMethodId: '[redacted]' },
    });
    expect(records[1]).toMatchObject({
      transport: 'mcp',
      actor: { userId: 'bob' },
      outcome: 'denied',
      errorCode: 'FORBIDDEN',
      decision: { allowed: false, rule: 'rules[0] invoice:pay' },
    });
    await client.close();
    await bob.close();
  });

  it('audits an unknown tool as a NOT_FOUND call, like REST does for an unknown route', async () => {
    const before = fixture.audit.records().length;
    await post(server.url, rpc(1, 'tools/call', { name: 'billing_nope', arguments: {} }));
    expect(fixture.audit.records().slice(before)).toMatchObject([
      { transport: 'mcp', operation: { name: 'billing.nope' }, outcome: 'error', errorCode: 'NOT_FOUND' },
    ]);
  });

  it('makes one context per HTTP request, only when a message needs it', async () => {
    made.length = 0;
    await post(server.url, rpc(1, 'ping'));
    expect(made).toEqual([]);
    await post(
      server.url,
      [rpc(1, 'tools/list'), rpc(2, 'tools/call', { name: 'catalog_getProduct', arguments: { sku: 'a' } })],
      {
        authorization: 'Bearer carol',
      },
    );
    expect(made).toEqual(['Bearer carol']);
  });

  it('answers a throwing context factory without leaking its message', async () => {
    failing = true;
    try {
      const list = await post(server.url, rpc(1, 'tools/list'));
      expect(list.body).toMatchObject({
        error: { code: -32603, message: 'Internal error', data: { code: 'INTERNAL' } },
      });
      const call = await post(
        server.url,
        rpc(2, 'tools/call', { name: 'catalog_getProduct', arguments: { sku: 'a' } }),
      );
      expect(call.body).toMatchObject({ result: { isError: true } });
      expect(JSON.stringify([list.body, call.body])).not.toContain('redis');
    } finally {
      failing = false;
    }
  });

  it("keeps a context factory's own ContractError code for tools/list", async () => {
    const strict = makeFixture();
    const refusing = await startNodeServer(strict.registry, () => {
      throw new ContractError('UNAUTHENTICATED', 'The token has expired');
    });
    try {
      expect(await post(refusing.url, rpc(1, 'tools/list'))).toMatchObject({
        body: {
          error: { code: -32001, message: 'The token has expired', data: { code: 'UNAUTHENTICATED' } },
        },
      });
    } finally {
      await refusing.close();
    }
  });

  it('lists and serves an operation installed after the server started (tools rebuilt per registry revision)', async () => {
    const list = async () =>
      (
        (await post(server.url, rpc(1, 'tools/list'))).body as { result: { tools: { name: string }[] } }
      ).result.tools.map((t) => t.name);
    expect(await list()).not.toContain('ops_lateArrival');
    installOp(fixture.registry, LateOp, () => ({ pong: true }));
    expect(await list()).toContain('ops_lateArrival');
    const call = await post(server.url, rpc(2, 'tools/call', { name: 'ops_lateArrival' }));
    expect(call.body).toMatchObject({ result: { structuredContent: { pong: true } } });
  });

  it('lets a listed origin in', async () => {
    const allowed = await startFetchServer(makeFixture().registry, {
      allowedOrigins: ['https://app.example'],
    });
    try {
      expect((await post(allowed.url, rpc(1, 'ping'), { origin: 'https://app.example' })).status).toBe(200);
      expect((await post(allowed.url, rpc(1, 'ping'), { origin: 'https://other.example' })).status).toBe(403);
    } finally {
      await allowed.close();
    }
  });
});
