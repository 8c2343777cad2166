import { getEventListeners } from 'node:events';
import { ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';
import { describe, expect, it } from 'vitest';
import { installOp, SpecRegistry } from '../registry/registry.js';
import { defineCommand } from '../spec/operation.js';
import type { RateLimitSpec } from '../spec/types.js';
import type { AppContext } from './context.js';
import type { ContractError } from './errors.js';
import { type ExecuteResult, execute } from './execute.js';
import { MemoryUnitOfWork } from './memory/unit-of-work.js';

// Rate limits (with a fake clock) and the handler timeout.

const Note = new SchemaModel({
  name: 'Note',
  fields: { text: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false } },
});

function op(rateLimit?: RateLimitSpec, auth = 'user') {
  return defineCommand({
    meta: { name: 'notes.add', version: 1, stability: 'stable', description: 'Add a note', owners: ['t'] },
    io: { input: Note, output: Note },
    policy: { auth },
    ...(rateLimit === undefined ? {} : { rateLimit }),
  });
}

function failure(result: ExecuteResult): ContractError {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.output)}`);
  return result.error;
}

describe('execute: rate limits', () => {
  function setup(rateLimit: RateLimitSpec, auth = 'user') {
    let date = new Date('2030-01-01T00:00:00Z');
    const clock = { now: () => date };
    const registry = new SpecRegistry({ clock });
    let ran = 0;
    installOp(registry, op(rateLimit, auth), (input) => {
      ran++;
      return input;
    });
    const run = (context: AppContext, clientKey?: string, input: unknown = { text: 'hi' }) =>
      execute(registry, {
        name: 'notes.add',
        input,
        transport: 'rest',
        context,
        ...(clientKey === undefined ? {} : { clientKey }),
      });
    const advance = (seconds: number) => {
      date = new Date(date.getTime() + seconds * 1000);
    };
    return { run, advance, ran: () => ran };
  }
  const alice = { actor: 'user', userId: 'alice', tenantId: 'acme' } as const;
  const bob = { actor: 'user', userId: 'bob', tenantId: 'acme' } as const;

  it('answers RATE_LIMITED with a retry delay on the third call of two per minute', async () => {
    const { run, ran } = setup({ limit: 2, windowSeconds: 60 });
    expect((await run(alice)).ok).toBe(true);
    expect((await run(alice)).ok).toBe(true);
    const error = failure(await run(alice));
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.status).toBe(429);
    expect(error.origin).toBe('rate-limit');
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(ran()).toBe(2);
  });

  it('counts each user separately', async () => {
    const { run } = setup({ limit: 2, windowSeconds: 60 });
    await run(alice);
    await run(alice);
    expect(failure(await run(alice)).code).toBe('RATE_LIMITED');
    expect((await run(bob)).ok).toBe(true);
    expect((await run(bob)).ok).toBe(true);
  });

  it('lets the caller in again once the advised delay has passed', async () => {
    const { run, advance } = setup({ limit: 2, windowSeconds: 60 });
    await run(alice);
    await run(alice);
    const error = failure(await run(alice));
    advance((error.retryAfterSeconds ?? 0) - 1);
    expect(failure(await run(alice)).code).toBe('RATE_LIMITED');
    advance(1);
    expect((await run(alice)).ok).toBe(true);
  });

  it('counts per tenant when asked', async () => {
    const { run } = setup({ limit: 1, windowSeconds: 60, by: 'tenant' });
    expect((await run(alice)).ok).toBe(true);
    expect(failure(await run(bob)).code).toBe('RATE_LIMITED');
    expect((await run({ actor: 'user', userId: 'carol', tenantId: 'globex' })).ok).toBe(true);
  });

  it('counts anonymous callers by client key', async () => {
    const { run } = setup({ limit: 1, windowSeconds: 60 }, 'anonymous');
    const anon = { actor: 'anonymous' } as const;
    expect((await run(anon, '10.0.0.1')).ok).toBe(true);
    expect(failure(await run(anon, '10.0.0.1')).code).toBe('RATE_LIMITED');
    expect((await run(anon, '10.0.0.2')).ok).toBe(true);
  });

  it('checks authentication before spending the budget', async () => {
    const { run } = setup({ limit: 1, windowSeconds: 60 });
    expect(failure(await run({ actor: 'anonymous' })).code).toBe('UNAUTHENTICATED');
    expect(failure(await run({ actor: 'anonymous' })).code).toBe('UNAUTHENTICATED');
    expect((await run(alice)).ok).toBe(true);
  });
});

describe('execute: handler timeout', () => {
  it('answers UNAVAILABLE and aborts ctx.signal when the handler runs too long', async () => {
    const unitOfWork = new MemoryUnitOfWork();
    const registry = new SpecRegistry({ handlerTimeoutMs: 50, unitOfWork });
    let signal: AbortSignal | undefined;
    installOp(registry, op(), async (input, ctx) => {
      signal = ctx.signal;
      expect(ctx.signal.aborted).toBe(false);
      await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve, { once: true }));
      return input;
    });
    const started = Date.now();
    const result = await execute(registry, {
      name: 'notes.add',
      input: { text: 'slow' },
      transport: 'rest',
      context: { actor: 'user', userId: 'alice' },
    });
    const error = failure(result);
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.status).toBe(503);
    expect(error.requestId).toBe(result.requestId);
    expect(signal?.aborted).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(unitOfWork).toMatchObject({ committed: 0, rolledBack: 1 });
  });

  it('answers UNAVAILABLE even when the handler ignores the signal', async () => {
    const registry = new SpecRegistry({ handlerTimeoutMs: 20 });
    installOp(registry, op(), () => new Promise<never>(() => undefined));
    const error = failure(
      await execute(registry, {
        name: 'notes.add',
        input: { text: 'stuck' },
        transport: 'rest',
        context: { actor: 'user', userId: 'alice' },
      }),
    );
    expect(error.code).toBe('UNAVAILABLE');
  });

  it.each([Infinity, 2 ** 31])('treats a timeout of %d ms as no timeout, not as 1 ms', async (ms) => {
    const registry = new SpecRegistry({ handlerTimeoutMs: ms });
    installOp(registry, op(), async (input, ctx) => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(ctx.signal.aborted).toBe(false);
      return input;
    });
    const result = await execute(registry, {
      name: 'notes.add',
      input: { text: 'patient' },
      transport: 'rest',
      context: { actor: 'user', userId: 'alice' },
    });
    expect(result.ok).toBe(true);
  });

  it('aborts ctx.signal when the client goes away, even before the handler starts', async () => {
    const registry = new SpecRegistry();
    const seen: boolean[] = [];
    installOp(registry, op(), async (input, ctx) => {
      seen.push(ctx.signal.aborted);
      return input;
    });
    const run = (signal: AbortSignal) =>
      execute(registry, {
        name: 'notes.add',
        input: { text: 'x' },
        transport: 'rest',
        context: { actor: 'user', userId: 'alice' },
        signal,
      });
    const gone = new AbortController();
    gone.abort();
    await run(gone.signal);
    expect(seen).toEqual([true]);

    const later = new AbortController();
    let handlerSignal: AbortSignal | undefined;
    const registry2 = new SpecRegistry();
    installOp(registry2, op(), async (input, ctx) => {
      handlerSignal = ctx.signal;
      later.abort(new Error('client closed'));
      return input;
    });
    await execute(registry2, {
      name: 'notes.add',
      input: { text: 'x' },
      transport: 'rest',
      context: { actor: 'user', userId: 'alice' },
      signal: later.signal,
    });
    expect(handlerSignal?.aborted).toBe(true);
  });

  it('leaves no listener on a long-lived client signal', async () => {
    const registry = new SpecRegistry();
    installOp(registry, op(), (input) => input);
    const shutdown = new AbortController();
    for (const text of ['a', 'b', 'c']) {
      await execute(registry, {
        name: 'notes.add',
        input: { text },
        transport: 'rest',
        context: { actor: 'user', userId: 'alice' },
        signal: shutdown.signal,
      });
    }
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0);
  });
});
