import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { installOp, SpecRegistry } from '../registry/registry.js';
import { defineCommand, defineQuery } from '../spec/operation.js';
import { ContractError } from './errors.js';
import { alice, call, Empty, failure, meta, Paid, Pay } from './execute.fixture.js';

// The context factory and input validation.

describe('execute: context', () => {
  const Whoami = defineQuery({
    meta: meta('billing.whoami'),
    io: { input: Empty, output: Paid },
    policy: { auth: 'user' },
  });
  function whoami(): SpecRegistry {
    const registry = new SpecRegistry();
    installOp(registry, Whoami, (_input, ctx) => ({ status: ctx.userId }));
    return registry;
  }

  it('accepts a plain context and a sync or async factory', async () => {
    const registry = whoami();
    for (const context of [alice, () => alice, async () => alice]) {
      expect(await call(registry, { name: 'billing.whoami', input: {}, context })).toMatchObject({
        ok: true,
        output: { status: 'alice' },
      });
    }
  });

  it('answers INTERNAL with a request id, without the thrown message, when the factory throws', async () => {
    const result = await call(whoami(), {
      name: 'billing.whoami',
      input: {},
      requestId: 'req-ctx-1',
      context: async () => {
        throw new Error('session store password=hunter2');
      },
    });
    const error = failure(result);
    expect(error.code).toBe('INTERNAL');
    expect(error.status).toBe(500);
    expect(error.message).toBe('Internal error');
    expect(error.requestId).toBe('req-ctx-1');
    expect(result.requestId).toBe('req-ctx-1');
    expect(JSON.stringify(error)).not.toContain('hunter2');
  });

  it('answers INTERNAL when the factory returns no object', async () => {
    for (const value of [null, undefined, 'alice', 42]) {
      const error = failure(
        await call(whoami(), { name: 'billing.whoami', input: {}, context: async () => value as never }),
      );
      expect(error.code).toBe('INTERNAL');
      expect(error.requestId).toBeTypeOf('string');
    }
  });

  it('keeps the code of a ContractError the factory throws', async () => {
    const error = failure(
      await call(whoami(), {
        name: 'billing.whoami',
        input: {},
        context: () => {
          throw new ContractError('UNAUTHENTICATED', 'Session expired');
        },
      }),
    );
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.status).toBe(401);
    expect(error.message).toBe('Session expired');
    expect(error.requestId).toBeTypeOf('string');
  });

  it('does not call the factory for an unknown operation', async () => {
    let called = false;
    await call(whoami(), {
      name: 'billing.nope',
      context: () => {
        called = true;
        return alice;
      },
    });
    expect(called).toBe(false);
  });

  it('generates a request id unless a well-formed one is given', async () => {
    const registry = whoami();
    const given = await call(registry, { name: 'billing.whoami', input: {}, requestId: 'abc-123' });
    expect(given.requestId).toBe('abc-123');
    const bad = await call(registry, { name: 'billing.whoami', input: {}, requestId: 'has spaces\n' });
    expect(bad.requestId).toMatch(/^[0-9a-f]{12}-[0-9a-z]+$/);
    const next = await call(registry, { name: 'billing.whoami', input: {} });
    expect(next.requestId).not.toBe(bad.requestId);
  });
});

describe('execute: input validation', () => {
  it('answers INVALID_INPUT with path, code and message from our models', async () => {
    const registry = new SpecRegistry();
    const op = defineCommand({
      meta: meta('billing.pay'),
      io: { input: Pay, output: Paid },
      policy: { auth: 'user' },
    });
    let ran = false;
    installOp(registry, op, () => {
      ran = true;
      return { status: 'paid' };
    });
    const error = failure(
      await call(registry, { name: 'billing.pay', input: { invoiceId: '', amount: 1.5, extra: true } }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.status).toBe(400);
    expect(error.origin).toBe('validation');
    const paths = (error.issues ?? []).map((issue) => issue.path.join('.')).sort();
    expect(paths).toEqual(['amount', 'extra', 'invoiceId']);
    for (const issue of error.issues ?? []) {
      expect(issue.code).toBeTypeOf('string');
      expect(issue.message).toBeTypeOf('string');
    }
    expect(error.issues?.find((i) => i.path[0] === 'extra')?.code).toBe('unknown_key');
    expect(error.toJSON().issues).toEqual(error.issues);
    expect(ran).toBe(false);
  });

  it('accepts any Standard Schema (zod 4) as io.input, with issue paths', async () => {
    const registry = new SpecRegistry();
    const ZodInput = z.object({
      invoiceId: z.string().min(1),
      lines: z.array(z.object({ amount: z.number().int().positive() })),
    });
    const op = defineCommand({
      meta: meta('billing.zodPay'),
      io: { input: ZodInput, output: Paid },
      policy: { auth: 'user' },
    });
    installOp(registry, op, (input) => ({ status: `${input.invoiceId}:${input.lines.length}` }));

    const ok = await call(registry, {
      name: 'billing.zodPay',
      input: { invoiceId: 'i', lines: [{ amount: 1 }] },
    });
    expect(ok).toMatchObject({ ok: true, output: { status: 'i:1' } });

    const error = failure(
      await call(registry, {
        name: 'billing.zodPay',
        input: { invoiceId: '', lines: [{ amount: 1 }, { amount: -2 }] },
      }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    const paths = (error.issues ?? []).map((issue) => issue.path);
    expect(paths).toContainEqual(['invoiceId']);
    expect(paths).toContainEqual(['lines', 1, 'amount']);
    for (const issue of error.issues ?? []) {
      expect(issue.code).toBeTypeOf('string');
      expect(issue.message.length).toBeGreaterThan(0);
    }
  });
});
