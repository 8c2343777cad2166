import { ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { installOp, SpecRegistry } from '../registry/registry.js';
import { defineEvent } from '../spec/event.js';
import { defineCommand, defineQuery } from '../spec/operation.js';
import type { AppContext } from './context.js';
import { ContractError } from './errors.js';
import { type ExecuteResult, execute } from './execute.js';

// Whatever arrives, execute resolves to a result and never throws or pollutes prototypes.

const Capture = new SchemaModel({
  name: 'Capture',
  fields: {
    invoiceId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false },
    amount: { type: ScalarTypeEnum.PositiveInt(), isOptional: false },
    note: { type: ScalarTypeEnum.JSON(), isOptional: true },
  },
});
const Out = new SchemaModel({
  name: 'Out',
  fields: { invoiceId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false } },
});
const Paid = defineEvent({
  meta: { name: 'billing.paid', version: 1, description: 'Paid', owners: ['t'] },
  payload: Out,
});

function registry(): SpecRegistry {
  const r = new SpecRegistry({ tracer: false, handlerTimeoutMs: 1000 });
  installOp(
    r,
    defineCommand({
      meta: {
        name: 'billing.capture',
        version: 1,
        stability: 'stable',
        description: 'Capture',
        owners: ['t'],
      },
      io: { input: Capture, output: Out, errors: { ALREADY_PAID: { status: 409, description: 'Paid' } } },
      policy: { auth: 'user', rules: [{ resource: 'invoice', action: 'pay', condition: 'owner' }] },
      events: [Paid],
      rateLimit: { limit: 1000, windowSeconds: 1, by: 'tenant' },
      audit: { redact: ['note', 'note.card'] },
    }),
    (input, ctx) => {
      if (input.amount % 3 === 0) throw ctx.fail('ALREADY_PAID');
      if (input.amount % 5 === 0) throw new Error('boom');
      ctx.emit('billing.paid', { invoiceId: input.invoiceId });
      return { invoiceId: input.invoiceId, extra: input.note } as never;
    },
  );
  installOp(
    r,
    defineQuery({
      meta: { name: 'billing.echo', version: 1, stability: 'stable', description: 'Echo', owners: ['t'] },
      io: { input: z.object({ invoiceId: z.string().min(1) }), output: Out },
      policy: { auth: 'anonymous' },
      rateLimit: { limit: 1000, windowSeconds: 1 },
    }),
    (input) => input,
  );
  installOp(
    r,
    defineQuery({
      meta: { name: 'billing.admin', version: 1, stability: 'stable', description: 'Admin', owners: ['t'] },
      io: { input: Capture, output: Out },
      policy: { auth: 'admin' },
    }),
    (input) => input,
  );
  r.resources.register('invoice', ({ input, ctx }) => ({ ownerId: ctx.userId, input }));
  return r;
}

const anything = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  key: fc.oneof(
    fc.string(),
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'userId', 'actor', 'roles', 'tenantId'),
  ),
});

const contexts = fc.oneof(
  anything,
  fc.record(
    {
      actor: fc.oneof(fc.constantFrom('user', 'admin', 'anonymous'), anything),
      userId: fc.oneof(fc.constantFrom('alice', ''), anything),
      tenantId: fc.oneof(fc.constant('acme'), anything),
      roles: fc.oneof(fc.constant(['admin']), anything),
    },
    { requiredKeys: [] },
  ),
  fc.constantFrom<AppContext>(
    { actor: 'user', userId: 'alice', tenantId: 'acme' },
    { actor: 'admin', userId: 'root', roles: ['admin'] },
  ),
);

const inputs = fc.oneof(
  anything,
  fc.record(
    {
      invoiceId: fc.oneof(fc.constant('inv_1'), anything),
      amount: fc.oneof(fc.integer({ min: -2, max: 20 }), anything),
      note: anything,
    },
    { requiredKeys: [] },
  ),
  fc.record({
    invoiceId: fc.constantFrom('inv_1', 'inv_2'),
    amount: fc.integer({ min: 1, max: 20 }),
    note: fc.option(fc.jsonValue(), { nil: undefined }),
  }),
  // JSON.parse keeps "__proto__" as an own key; a naive merge would turn it into a prototype.
  fc
    .jsonValue()
    .map((v) => JSON.parse(`{"invoiceId":"inv_1","amount":1,"__proto__":${JSON.stringify(v) ?? 'null'}}`)),
);

function snapshot(): string {
  return Reflect.ownKeys(Object.prototype)
    .map((key) => String(key))
    .sort()
    .join(',');
}

describe('execute: never throws', () => {
  it('resolves to { ok } for any input and context (plain or factory), leaving Object.prototype alone', async () => {
    const r = registry();
    const before = snapshot();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('billing.capture', 'billing.echo', 'billing.admin', 'billing.unknown'),
        fc.constantFrom('rest', 'graphql', 'mcp', 'webhook', 'internal') as fc.Arbitrary<
          'rest' | 'graphql' | 'mcp' | 'webhook' | 'internal'
        >,
        inputs,
        contexts,
        fc.constantFrom('plain', 'sync', 'async', 'throws'),
        async (name, transport, input, ctx, how) => {
          const context =
            how === 'plain'
              ? (ctx as AppContext)
              : how === 'sync'
                ? () => ctx as AppContext
                : how === 'async'
                  ? async () => ctx as AppContext
                  : () => {
                      throw ctx;
                    };
          let result: ExecuteResult | undefined;
          try {
            result = await execute(r, { name, input, transport, context });
          } catch (thrown) {
            throw new Error(`execute rejected: ${String(thrown)}`);
          }
          expect(typeof result.ok).toBe('boolean');
          expect(typeof result.requestId).toBe('string');
          if (!result.ok) {
            expect(result.error).toBeInstanceOf(ContractError);
            expect(result.error.status).toBeGreaterThanOrEqual(400);
            expect(result.error.requestId).toBe(result.requestId);
            // The wire form always serializes.
            expect(() => JSON.stringify(result.error)).not.toThrow();
            if (result.error.code === 'INTERNAL') expect(result.error.message).toBe('Internal error');
          }
          expect(snapshot()).toBe(before);
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        },
      ),
      { numRuns: 400 },
    );
    expect(snapshot()).toBe(before);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});
