// One scenario list, run through every MCP transport with the SDK's own Client: Streamable HTTP
// through the Fetch handler (what a Next.js route at /api/mcp runs) and through the node:http
// handler, and stdio through the `contracts-mcp` bin spawned from source.

import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixture, SECRET } from './fixture.js';
import {
  connectHttp,
  connectStdio,
  type Running,
  startFetchServer,
  startNodeServer,
  textJson,
  toolError,
} from './helpers.js';

interface Setup {
  connect(user?: string): Promise<Client>;
  close(): Promise<void>;
  /** Present when the registry runs in this process (HTTP), so handler counters can be read. */
  readonly calls?: ReturnType<typeof makeFixture>['calls'];
}

async function httpSetup(start: typeof startFetchServer): Promise<Setup> {
  const fixture = makeFixture();
  const server: Running = await start(fixture.registry);
  return {
    connect: (user) => connectHttp(server.url, user),
    close: () => server.close(),
    calls: fixture.calls,
  };
}

const TRANSPORTS: [string, () => Promise<Setup>][] = [
  ['Streamable HTTP, Fetch handler (Next.js route)', () => httpSetup(startFetchServer)],
  ['Streamable HTTP, node:http handler', () => httpSetup((registry) => startNodeServer(registry))],
  [
    'stdio, contracts-mcp bin',
    async () => ({ connect: (user) => connectStdio(user), close: async () => undefined }),
  ],
];

const capture = { invoiceId: 'inv_1', amount: 49.9, currency: 'usd', paymentMethodId: 'pm_card_visa' };

describe.each(TRANSPORTS)('MCP over %s', (_name, makeSetup) => {
  let setup: Setup;
  const clients = new Map<string, Promise<Client>>();
  /** One client per identity (`anonymous`, or a user name), connected on first use. */
  const as = (user: string): Promise<Client> => {
    let client = clients.get(user);
    if (client === undefined) {
      client = setup.connect(user === 'anonymous' ? undefined : user);
      clients.set(user, client);
    }
    return client;
  };
  const call = async (user: string, name: string, args: object, meta?: Record<string, unknown>) =>
    (await (
      await as(user)
    ).callTool({ name, arguments: { ...args }, ...(meta ? { _meta: meta } : {}) })) as CallToolResult;
  const names = async (user: string) => (await (await as(user)).listTools()).tools.map((t) => t.name).sort();
  const tool = async (user: string, name: string): Promise<Tool> => {
    const found = (await (await as(user)).listTools()).tools.find((t) => t.name === name);
    if (found === undefined) throw new Error(`no tool ${name}`);
    return found;
  };

  beforeAll(async () => {
    setup = await makeSetup();
  }, 30_000);
  afterAll(async () => {
    for (const client of clients.values()) await (await client).close();
    await setup.close();
  }, 30_000);

  it('initializes with the newest protocol version and the tools capability', async () => {
    const client = await as('anonymous');
    expect(client.getServerVersion()).toEqual({ name: 'lssm-contracts', version: '0.1.0' });
    expect(client.getServerCapabilities()).toEqual({ tools: { listChanged: false } });
  }, 30_000);

  describe('listing, filtered by the caller auth level', () => {
    it('shows anonymous callers only the anonymous tools', async () => {
      expect(await names('anonymous')).toEqual(['catalog_getProduct', 'catalog_getProduct-v2', 'ops_crash']);
    }, 30_000);

    it('adds the user tools for a signed-in user, and the admin tools for an admin', async () => {
      const user = [
        'billing_capturePayment',
        'billing_refund',
        'catalog_getProduct',
        'catalog_getProduct-v2',
        'ops_crash',
      ];
      expect(await names('alice')).toEqual(user);
      expect(await names('root')).toEqual(['admin_purgeInvoices', ...user]);
    }, 30_000);

    it('never lists an operation kept off MCP or an experimental one', async () => {
      const all = await names('root');
      expect(all.some((n) => n.startsWith('ops_restOnly') || n.startsWith('ops_tryOut'))).toBe(false);
    }, 30_000);
  });

  describe('tool definitions', () => {
    it('carries the input and output schemas of the models, as objects', async () => {
      const capture = await tool('alice', 'billing_capturePayment');
      expect(capture.inputSchema).toMatchObject({
        type: 'object',
        required: ['invoiceId', 'amount', 'currency', 'paymentMethodId'],
        additionalProperties: false,
        properties: { amount: { type: 'number', exclusiveMinimum: 0 } },
      });
      expect(capture.inputSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(capture.outputSchema).toMatchObject({
        type: 'object',
        required: ['transactionId', 'status', 'capturedAt'],
        properties: { capturedAt: { type: 'string', format: 'date-time' } },
      });
    }, 30_000);

    it('takes title and description from the meta, errors and idempotency included', async () => {
      const capture = await tool('alice', 'billing_capturePayment');
      expect(capture.title).toBe('Capture payment (billing)');
      expect(capture.description).toContain('Process a payment for an invoice');
      expect(capture.description).toContain('Goal: Capture funds from customer payment method');
      expect(capture.description).toContain('ALREADY_PAID (The invoice is already paid)');
      expect((await tool('alice', 'billing_refund')).description).toContain('_meta.idempotencyKey');
      expect((await tool('alice', 'catalog_getProduct-v2')).title).toBe('Get product (catalog) v2');
    }, 30_000);

    it('derives annotations from the spec', async () => {
      expect((await tool('alice', 'catalog_getProduct')).annotations).toEqual({
        title: 'Get product (catalog)',
        readOnlyHint: true,
      });
      expect((await tool('alice', 'billing_capturePayment')).annotations).toMatchObject({
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: false,
      });
      expect((await tool('alice', 'billing_refund')).annotations).toMatchObject({ idempotentHint: true });
      expect((await tool('root', 'admin_purgeInvoices')).annotations).toMatchObject({
        readOnlyHint: false,
        destructiveHint: true,
      });
    }, 30_000);
  });

  describe('calls', () => {
    it('answers with structuredContent (checked by the SDK against the output schema) and the same JSON as text', async () => {
      const result = await call('alice', 'billing_capturePayment', capture);
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toEqual({
        transactionId: expect.stringMatching(/^pi_/),
        status: 'succeeded',
        capturedAt: '2026-01-02T00:00:00.000Z',
      });
      expect(textJson(result)).toEqual(result.structuredContent);
    }, 30_000);

    it('serves a version other than the default under its -v<N> name', async () => {
      expect((await call('anonymous', 'catalog_getProduct', { sku: 's1' })).structuredContent).toEqual({
        sku: 's1',
        version: 1,
      });
      expect((await call('anonymous', 'catalog_getProduct-v2', { sku: 's1' })).structuredContent).toEqual({
        sku: 's1',
        version: 2,
      });
    }, 30_000);

    it('rejects invalid input as an isError result with every issue and its path', async () => {
      const result = await call('alice', 'billing_capturePayment', {
        ...capture,
        amount: -5,
        invoiceId: '',
        extra: 1,
      });
      const error = toolError(result);
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.requestId).toEqual(expect.any(String));
      expect(error.issues?.map((i) => i.path)).toEqual(
        expect.arrayContaining([['amount'], ['invoiceId'], ['extra']]),
      );
      expect(result.structuredContent).toBeUndefined();
    }, 30_000);

    it('answers UNAUTHENTICATED without an identity, before saying anything about the input', async () => {
      const error = toolError(await call('anonymous', 'billing_capturePayment', { amount: -5 }));
      expect(error.code).toBe('UNAUTHENTICATED');
      expect(error.issues).toBeUndefined();
    }, 30_000);

    it("answers FORBIDDEN to another user paying alice's invoice, and the handler never runs", async () => {
      const before = setup.calls?.capture;
      const error = toolError(await call('bob', 'billing_capturePayment', capture));
      expect(error).toMatchObject({ code: 'FORBIDDEN', message: 'You are not allowed to do this' });
      expect(setup.calls?.capture).toBe(before);
    }, 30_000);

    it('answers FORBIDDEN to a user calling an admin tool it cannot see', async () => {
      expect(toolError(await call('alice', 'admin_purgeInvoices', {})).code).toBe('FORBIDDEN');
      expect((await call('root', 'admin_purgeInvoices', {})).structuredContent).toEqual({ count: 0 });
    }, 30_000);

    it('passes declared domain errors through, with their data', async () => {
      expect(
        toolError(await call('alice', 'billing_capturePayment', { ...capture, invoiceId: 'inv_paid' })),
      ).toMatchObject({
        code: 'ALREADY_PAID',
        message: 'The invoice is already paid',
      });
      const declined = toolError(
        await call('alice', 'billing_capturePayment', { ...capture, paymentMethodId: 'pm_card_declined' }),
      );
      expect(declined).toMatchObject({ code: 'CARD_DECLINED', data: { declineCode: 'insufficient_funds' } });
    }, 30_000);

    it('turns an unknown throw into INTERNAL with a request id, never leaking its message', async () => {
      const result = await call('anonymous', 'ops_crash', {});
      expect(toolError(result)).toEqual({
        code: 'INTERNAL',
        message: 'Internal error',
        requestId: expect.any(String),
      });
      expect(JSON.stringify(result)).not.toContain('hunter2');
      expect(JSON.stringify(result)).not.toContain(SECRET);
    }, 30_000);

    it.each([
      ['an unknown operation', 'billing_nope'],
      ['a prefix of a name', 'billing_capture'],
      ['an operation kept off MCP', 'ops_restOnly'],
      ['an unknown version', 'catalog_getProduct-v9'],
      ['the dotted operation name', 'billing.capturePayment'],
      ['a name that is not a tool name', 'no such tool!'],
    ])(
      'answers %s with a JSON-RPC error (NOT_FOUND, -32004)',
      async (_what, name) => {
        const error = await call('alice', name, capture).then(
          () => undefined,
          (thrown: unknown) => thrown,
        );
        expect(error).toBeInstanceOf(McpError);
        expect(error).toMatchObject({
          code: -32004,
          data: { code: 'NOT_FOUND', message: `Unknown tool ${name}` },
        });
      },
      30_000,
    );

    it('replays an idempotent call sent with the same _meta.idempotencyKey, without running the handler again', async () => {
      const before = setup.calls?.refund;
      const first = await call(
        'alice',
        'billing_refund',
        { paymentId: 'pay_1' },
        { idempotencyKey: 'refund-key-1' },
      );
      const again = await call(
        'alice',
        'billing_refund',
        { paymentId: 'pay_1' },
        { idempotencyKey: 'refund-key-1' },
      );
      expect(again.structuredContent).toEqual(first.structuredContent);
      expect(first._meta).toBeUndefined();
      expect(again._meta).toEqual({ idempotentReplayed: true });
      if (before !== undefined) expect(setup.calls?.refund).toBe(before + 1);
      const other = toolError(
        await call('alice', 'billing_refund', { paymentId: 'pay_2' }, { idempotencyKey: 'refund-key-1' }),
      );
      expect(other.code).toBe('CONFLICT');
    }, 30_000);

    it('refuses a command that requires an idempotency key when none is sent', async () => {
      const error = toolError(await call('alice', 'billing_refund', { paymentId: 'pay_3' }));
      expect(error.code).toBe('INVALID_INPUT');
    }, 30_000);
  });
});
