import { ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';
import { describe, expect, it } from 'vitest';
import {
  ContractError,
  defineCommand,
  type EventInbox,
  installOp,
  MemoryAuditSink,
  MemoryEventInbox,
  SpecRegistry,
} from '../../index.js';
import { makeWebhookHandler } from './handler.js';
import type { WebhookOutcome, WebhookVerifier } from './types.js';

// The handler's own decisions, with a verifier that trusts the body (the signature schemes have
// their own tests, and tests/webhooks runs both end to end).

type TestEvent = { readonly id: string; readonly type: string; readonly invoiceId?: unknown };

const trusting: WebhookVerifier<TestEvent> = {
  source: 'test',
  async verify({ body, now }) {
    const event = JSON.parse(body) as TestEvent;
    return { source: 'test', id: event.id, type: event.type, timestamp: now, event };
  },
};

const Input = new SchemaModel({
  name: 'MarkPaidInput',
  fields: { invoiceId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false } },
});
const Output = new SchemaModel({
  name: 'MarkPaidOutput',
  fields: { ok: { type: ScalarTypeEnum.Boolean(), isOptional: false } },
});
const meta = (name: string) => ({
  name,
  version: 1,
  description: name,
  owners: ['team'],
  stability: 'stable' as const,
});
const MarkPaid = defineCommand({
  meta: meta('billing.markPaid'),
  io: { input: Input, output: Output },
  policy: { auth: 'system' },
});
const AdminOnly = defineCommand({
  meta: meta('billing.adminOnly'),
  io: { input: Input, output: Output },
  policy: { auth: 'admin' },
});

function setup(
  options: {
    inbox?: EventInbox;
    context?: () => { actor: string; userId: string; roles: string[]; tenantId: string };
  } = {},
) {
  const audit = new MemoryAuditSink();
  const registry = new SpecRegistry({ audit, tracer: false });
  const ran: string[] = [];
  installOp(registry, MarkPaid, (input) => {
    ran.push(input.invoiceId);
    return { ok: true };
  });
  installOp(registry, AdminOnly, () => ({ ok: true }));
  const outcomes: WebhookOutcome[] = [];
  let throwIn = false;
  const handler = makeWebhookHandler(registry, {
    verifier: trusting,
    routes: {
      'invoice.paid': { op: MarkPaid, input: (e) => ({ invoiceId: e.invoiceId }) },
      'invoice.broken': {
        op: 'billing.markPaid',
        input: () => {
          if (throwIn) throw new Error('mapping bug: secret detail');
          return { invoiceId: 'inv_b' };
        },
      },
      'invoice.admin': { op: 'billing.adminOnly', input: () => ({ invoiceId: 'inv_a' }) },
      'invoice.unknownOp': { op: 'billing.nothing', input: () => ({}) },
    },
    ...(options.inbox === undefined ? {} : { inbox: options.inbox }),
    ...(options.context === undefined ? {} : { context: options.context }),
    bodyLimit: 1024,
    onOutcome: (o) => {
      outcomes.push(o);
      throw new Error('a throwing listener is ignored');
    },
  });
  const post = (event: unknown, init: RequestInit = {}) =>
    handler(new Request('http://localhost/hooks', { method: 'POST', body: JSON.stringify(event), ...init }));
  return { registry, audit, ran, outcomes, handler, post, failMapping: (on: boolean) => (throwIn = on) };
}

const json = async (response: Response) => (await response.json()) as Record<string, unknown>;

describe('makeWebhookHandler', () => {
  it('answers 405 with Allow: POST to other methods, and 413 past the body limit', async () => {
    const t = setup();
    const get = await t.handler(new Request('http://localhost/hooks'));
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const big = await t.post({ id: 'e', type: 'invoice.paid', invoiceId: 'x'.repeat(2000) });
    expect(big.status).toBe(413);
    expect(await json(big)).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    const unreadable = await t.handler(
      new Request('http://localhost/hooks', { method: 'POST', body: new Uint8Array([0xff, 0xfe]) }),
    );
    expect(unreadable.status).toBe(400);
    expect(t.ran).toEqual([]);
  });

  it('ignores event types without a route, own keys only (no prototype lookups)', async () => {
    const t = setup();
    for (const type of ['invoice.created', 'constructor', '__proto__', 'toString']) {
      const response = await t.post({ id: `evt_${type}`, type });
      expect(response.status).toBe(200);
      expect(await json(response)).toEqual({ received: true, outcome: 'ignored' });
    }
  });

  it('refuses an event id that cannot be an idempotency key', async () => {
    const t = setup();
    const response = await t.post({ id: 'evt with spaces', type: 'invoice.paid', invoiceId: 'inv_1' });
    expect(response.status).toBe(400);
    expect(t.ran).toEqual([]);
  });

  it('passes the event id as idempotency key, and a custom context to the pipeline', async () => {
    const t = setup({
      context: () => ({ actor: 'system', userId: 'stripe-eu', roles: ['system'], tenantId: 't1' }),
    });
    expect((await t.post({ id: 'evt_1', type: 'invoice.paid', invoiceId: 'inv_1' })).status).toBe(200);
    expect(t.audit.records()[0]).toMatchObject({
      transport: 'webhook',
      idempotencyKey: 'evt_1',
      actor: { type: 'system', userId: 'stripe-eu', tenantId: 't1' },
    });
  });

  it('hides a failing input mapping behind INTERNAL, reports the cause, and lets the retry run', async () => {
    const t = setup();
    t.failMapping(true);
    const failed = await t.post({ id: 'evt_map', type: 'invoice.broken' });
    expect(failed.status).toBe(500);
    expect(await failed.text()).not.toContain('secret detail');
    expect(t.outcomes.at(-1)).toMatchObject({
      outcome: 'failed',
      code: 'INTERNAL',
      cause: expect.any(Error),
    });
    t.failMapping(false);
    expect((await t.post({ id: 'evt_map', type: 'invoice.broken' })).status).toBe(200);
    expect(t.ran).toEqual(['inv_b']);
  });

  it('fails (non-2xx, retried) when the mapped input is invalid or the policy does not admit the system actor', async () => {
    const t = setup();
    const invalid = await t.post({ id: 'evt_bad', type: 'invoice.paid', invoiceId: '' });
    expect([invalid.status, (await json(invalid)).error]).toMatchObject([400, { code: 'INVALID_INPUT' }]);
    const admin = await t.post({ id: 'evt_admin', type: 'invoice.admin' });
    expect([admin.status, (await json(admin)).error]).toMatchObject([403, { code: 'FORBIDDEN' }]);
    const missing = await t.post({ id: 'evt_missing', type: 'invoice.unknownOp' });
    expect(missing.status).toBe(404);
    // Released, not remembered: a redelivery runs the pipeline again.
    expect((await t.post({ id: 'evt_bad', type: 'invoice.paid', invoiceId: 'inv_ok' })).status).toBe(200);
    expect(t.ran).toEqual(['inv_ok']);
  });

  it('answers 503 without running anything when the inbox is down', async () => {
    const down: EventInbox = {
      claim: () => Promise.reject(new Error('connection refused')),
      complete: () => Promise.resolve(),
      release: () => Promise.resolve(),
    };
    const t = setup({ inbox: down });
    const response = await t.post({ id: 'evt_1', type: 'invoice.paid', invoiceId: 'inv_1' });
    expect(response.status).toBe(503);
    expect(t.ran).toEqual([]);
  });

  it('shares a given inbox: a second handler (another instance) sees the event as processed', async () => {
    const inbox = new MemoryEventInbox();
    const a = setup({ inbox });
    const b = setup({ inbox });
    expect((await a.post({ id: 'evt_1', type: 'invoice.paid', invoiceId: 'inv_1' })).status).toBe(200);
    expect(await json(await b.post({ id: 'evt_1', type: 'invoice.paid', invoiceId: 'inv_1' }))).toEqual({
      received: true,
      outcome: 'duplicate',
    });
    expect([a.ran, b.ran]).toEqual([['inv_1'], []]);
  });

  it('answers 500 INTERNAL when a verifier throws something other than a ContractError', async () => {
    const registry = new SpecRegistry({ tracer: false });
    const outcomes: WebhookOutcome[] = [];
    const handler = makeWebhookHandler(registry, {
      verifier: { source: 'x', verify: () => Promise.reject(new TypeError('bug')) },
      routes: {},
      onOutcome: (o) => outcomes.push(o),
    });
    const response = await handler(new Request('http://localhost/', { method: 'POST', body: '{}' }));
    expect(response.status).toBe(500);
    expect(outcomes[0]).toMatchObject({ outcome: 'failed', code: 'INTERNAL', cause: expect.any(TypeError) });
  });

  it('rejects nonsensical options at construction', () => {
    const registry = new SpecRegistry({ tracer: false });
    for (const bad of [{ toleranceSeconds: 0 }, { bodyLimit: -1 }, { leaseSeconds: Number.NaN }]) {
      expect(() => makeWebhookHandler(registry, { verifier: trusting, routes: {}, ...bad })).toThrow(
        RangeError,
      );
    }
  });

  it('reports a rejection as a ContractError code from ERROR_TABLE', async () => {
    const registry = new SpecRegistry({ tracer: false });
    const refusing: WebhookVerifier<TestEvent> = {
      source: 'x',
      verify: () =>
        Promise.reject(new ContractError('UNAUTHENTICATED', 'The webhook signature does not match')),
    };
    const handler = makeWebhookHandler(registry, { verifier: refusing, routes: {} });
    const response = await handler(new Request('http://localhost/', { method: 'POST', body: '{}' }));
    expect(response.status).toBe(401);
    expect(await json(response)).toEqual({
      error: {
        code: 'UNAUTHENTICATED',
        message: 'The webhook signature does not match',
        requestId: response.headers.get('x-request-id'),
      },
    });
  });
});
