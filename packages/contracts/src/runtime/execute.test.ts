import { describe, expect, it } from 'vitest';
import { installOp, SpecRegistry } from '../registry/registry.js';
import { defineCommand, defineQuery } from '../spec/operation.js';
import { anonymous, call, Empty, failure, meta, Paid, Pay, valid } from './execute.fixture.js';

// Pipeline order and operation resolution (context and input: execute.input.test.ts).

describe('execute: pipeline order', () => {
  const PayInvoice = defineCommand({
    meta: meta('billing.payInvoice'),
    io: { input: Pay, output: Paid },
    policy: { auth: 'user', rules: [{ resource: 'invoice', action: 'pay', condition: 'owner' }] },
  });

  it('answers UNAUTHENTICATED, not INVALID_INPUT, to an anonymous caller with an invalid body', async () => {
    const registry = new SpecRegistry();
    installOp(registry, PayInvoice, () => ({ status: 'paid' }));
    for (const input of [{ amount: -1, extra: 'x' }, 'not an object', null, undefined]) {
      const error = failure(await call(registry, { name: 'billing.payInvoice', input, context: anonymous }));
      expect(error.code).toBe('UNAUTHENTICATED');
      expect(error.status).toBe(401);
      expect(error.issues).toBeUndefined();
      expect(error.origin).toBe('auth');
    }
  });

  it('treats a user actor without a userId as anonymous', async () => {
    const registry = new SpecRegistry();
    installOp(registry, PayInvoice, () => ({ status: 'paid' }));
    const error = failure(
      await call(registry, { name: 'billing.payInvoice', context: { actor: 'user', userId: '' } }),
    );
    expect(error.code).toBe('UNAUTHENTICATED');
  });

  it('validates before the policy rules run, and resolvers receive the validated input', async () => {
    const registry = new SpecRegistry();
    installOp(registry, PayInvoice, () => ({ status: 'paid' }));
    const seen: unknown[] = [];
    registry.resources.register('invoice', ({ input }) => {
      seen.push(input);
      return { ownerId: 'alice' };
    });

    const invalid = failure(await call(registry, { name: 'billing.payInvoice', input: { invoiceId: '' } }));
    expect(invalid.code).toBe('INVALID_INPUT');
    expect(seen).toEqual([]);

    // The resolver gets the validated value (a fresh object of declared keys), not the wire object.
    const raw = { ...valid };
    const result = await call(registry, { name: 'billing.payInvoice', input: raw });
    expect(result.ok).toBe(true);
    expect(seen).toEqual([valid]);
    expect(seen[0]).not.toBe(raw);
  });

  it('denies a valid call whose rule does not hold with FORBIDDEN after validation', async () => {
    const registry = new SpecRegistry();
    installOp(registry, PayInvoice, () => ({ status: 'paid' }));
    registry.resources.register('invoice', () => ({ ownerId: 'bob' }));
    const error = failure(await call(registry, { name: 'billing.payInvoice' }));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.origin).toBe('policy');
  });
});

describe('execute: resolve', () => {
  function billing(): SpecRegistry {
    const registry = new SpecRegistry();
    const v1 = defineCommand({
      meta: meta('billing.capturePayment', 1),
      io: { input: Pay, output: Paid },
      policy: { auth: 'user' },
    });
    const v2 = defineCommand({
      meta: meta('billing.capturePayment', 2, 'beta'),
      io: { input: Pay, output: Paid },
      policy: { auth: 'user' },
    });
    installOp(registry, v1, () => ({ status: 'v1' }));
    installOp(registry, v2, () => ({ status: 'v2' }));
    return registry;
  }

  it('answers NOT_FOUND with origin resolve for an unknown operation', async () => {
    const error = failure(await call(billing(), { name: 'billing.refund' }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.status).toBe(404);
    expect(error.origin).toBe('resolve');
  });

  it('never matches a name prefix', async () => {
    const registry = billing();
    for (const name of ['billing.capture', 'billing', 'billing.capturePaymentX', 'billing.capturepayment']) {
      expect(failure(await call(registry, { name })).code).toBe('NOT_FOUND');
    }
  });

  it('runs the latest stable version by default, not a newer beta', async () => {
    const result = await call(billing(), { name: 'billing.capturePayment' });
    expect(result).toMatchObject({ ok: true, output: { status: 'v1' } });
    expect(result.spec?.meta.version).toBe(1);
  });

  it('runs an explicit version, and NOT_FOUND for a version that does not exist', async () => {
    const registry = billing();
    expect(await call(registry, { name: 'billing.capturePayment', version: 2 })).toMatchObject({
      ok: true,
      output: { status: 'v2' },
    });
    expect(await call(registry, { name: 'billing.capturePayment', version: 1 })).toMatchObject({
      ok: true,
      output: { status: 'v1' },
    });
    const error = failure(await call(registry, { name: 'billing.capturePayment', version: 3 }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('v3');
  });

  it('answers UNAVAILABLE for a registered spec without a handler', async () => {
    const registry = new SpecRegistry();
    registry.register(
      defineQuery({
        meta: meta('billing.listInvoices'),
        io: { input: Empty, output: Paid },
        policy: { auth: 'user' },
      }),
    );
    const error = failure(await call(registry, { name: 'billing.listInvoices', input: {} }));
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.status).toBe(503);
    expect(error.origin).toBe('resolve');
  });

  it('keeps experimental operations off public transports unless exposed, but serves them internally', async () => {
    const registry = new SpecRegistry();
    const hidden = defineCommand({
      meta: meta('billing.tryNew', 1, 'experimental'),
      io: { input: Empty, output: Paid },
      policy: { auth: 'user' },
    });
    const shown = defineCommand({
      meta: meta('billing.tryShown', 1, 'experimental'),
      io: { input: Empty, output: Paid },
      policy: { auth: 'user' },
      exposure: { mcp: true },
    });
    installOp(registry, hidden, () => ({ status: 'ran' }));
    installOp(registry, shown, () => ({ status: 'ran' }));
    for (const transport of ['rest', 'graphql', 'mcp'] as const) {
      const error = failure(await call(registry, { name: 'billing.tryNew', input: {}, transport }));
      expect(error.code).toBe('NOT_FOUND');
    }
    expect((await call(registry, { name: 'billing.tryNew', input: {}, transport: 'internal' })).ok).toBe(
      true,
    );
    expect((await call(registry, { name: 'billing.tryShown', input: {}, transport: 'mcp' })).ok).toBe(true);
    expect(
      failure(await call(registry, { name: 'billing.tryShown', input: {}, transport: 'rest' })).code,
    ).toBe('NOT_FOUND');
  });

  it('hides a stable operation from a transport whose exposure is false', async () => {
    const registry = new SpecRegistry();
    const op = defineCommand({
      meta: meta('billing.noGraph'),
      io: { input: Empty, output: Paid },
      policy: { auth: 'user' },
      exposure: { graphql: false },
    });
    installOp(registry, op, () => ({ status: 'ran' }));
    expect(
      failure(await call(registry, { name: 'billing.noGraph', input: {}, transport: 'graphql' })).code,
    ).toBe('NOT_FOUND');
    expect((await call(registry, { name: 'billing.noGraph', input: {}, transport: 'rest' })).ok).toBe(true);
  });

  it('still runs a deprecated operation and returns its spec', async () => {
    const registry = new SpecRegistry();
    const old = defineCommand({
      meta: {
        ...meta('billing.oldPay', 1, 'deprecated'),
        deprecation: { replacement: 'billing.payInvoice' },
      },
      io: { input: Empty, output: Paid },
      policy: { auth: 'user' },
    });
    installOp(registry, old, () => ({ status: 'ran' }));
    const result = await call(registry, { name: 'billing.oldPay', input: {} });
    expect(result.ok).toBe(true);
    expect(result.spec?.meta.stability).toBe('deprecated');
    expect(result.spec).toBe(old);
  });
});
