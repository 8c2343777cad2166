// biome-ignore-all lint/suspicious/noExplicitAny: the table below patches deliberately malformed configs.
import { ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCondition } from '../policy/conditions.js';
import { defineEvent } from './event.js';
import { defineCommand, defineQuery, type OperationConfig } from './operation.js';

const Input = new SchemaModel({
  name: 'PayInput',
  fields: { invoiceId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false } },
});
const Output = new SchemaModel({
  name: 'PayOutput',
  fields: { status: { type: ScalarTypeEnum.String(), isOptional: false } },
});

const base = {
  meta: {
    name: 'billing.capturePayment',
    version: 1,
    description: 'Process a payment for an invoice',
    owners: ['team-billing'],
    stability: 'stable',
  },
  io: { input: Input, output: Output },
  policy: { auth: 'user', rules: [{ resource: 'invoice', action: 'pay', condition: 'owner' }] },
} satisfies OperationConfig;

function variant(patch: (config: Record<string, unknown>) => void): OperationConfig {
  const config = structuredClone({ ...base, io: undefined }) as Record<string, unknown>;
  config.io = { ...base.io };
  patch(config);
  return config as unknown as OperationConfig;
}

describe('defineCommand / defineQuery', () => {
  it('returns plain, deeply frozen data with its kind', () => {
    const spec = defineCommand(base);
    expect(spec.kind).toBe('command');
    expect(Object.isFrozen(spec)).toBe(true);
    expect(Object.isFrozen(spec.meta)).toBe(true);
    expect(Object.isFrozen(spec.meta.owners)).toBe(true);
    expect(Object.isFrozen(spec.policy.rules?.[0])).toBe(true);
    expect(spec.io.input).toBe(Input);
    expect(defineQuery({ ...base, policy: { auth: 'anonymous' } }).kind).toBe('query');
  });

  it.each([
    [
      'a name without a domain',
      (c: Record<string, any>) => {
        c.meta.name = 'capturePayment';
      },
      /dot-separated camelCase/,
    ],
    [
      'a name with a trailing dot',
      (c: Record<string, any>) => {
        c.meta.name = 'billing.';
      },
      /dot-separated camelCase/,
    ],
    [
      'a kebab-case name',
      (c: Record<string, any>) => {
        c.meta.name = 'billing.capture-payment';
      },
      /dot-separated camelCase/,
    ],
    [
      'version 0',
      (c: Record<string, any>) => {
        c.meta.version = 0;
      },
      /positive integer/,
    ],
    [
      'version 1.5',
      (c: Record<string, any>) => {
        c.meta.version = 1.5;
      },
      /positive integer/,
    ],
    [
      'an unknown stability',
      (c: Record<string, any>) => {
        c.meta.stability = 'alpha';
      },
      /stability must be one of/,
    ],
    [
      'no owners',
      (c: Record<string, any>) => {
        c.meta.owners = [];
      },
      /owners must list/,
    ],
    [
      'a blank owner',
      (c: Record<string, any>) => {
        c.meta.owners = [' '];
      },
      /owners must list/,
    ],
    [
      'no description',
      (c: Record<string, any>) => {
        c.meta.description = '';
      },
      /description is required/,
    ],
    [
      'a non-schema input',
      (c: Record<string, any>) => {
        c.io.input = { invoiceId: 'string' };
      },
      /io.input must be/,
    ],
    [
      'an unknown condition',
      (c: Record<string, any>) => {
        c.policy.rules[0].condition = 'ownr';
      },
      /unknown condition "ownr"/,
    ],
    [
      'an unknown condition inside anyOf',
      (c: Record<string, any>) => {
        c.policy.rules[0].condition = { anyOf: ['owner', 'nope'] };
      },
      /unknown condition "nope"/,
    ],
    [
      'a bad resource name',
      (c: Record<string, any>) => {
        c.policy.rules[0].resource = 'Invoice';
      },
      /resource must be/,
    ],
    [
      'no policy',
      (c: Record<string, any>) => {
        c.policy = undefined;
      },
      /policy is required/,
    ],
    [
      'a bad auth level',
      (c: Record<string, any>) => {
        c.policy.auth = '';
      },
      /policy.auth/,
    ],
    [
      'a lower-case error code',
      (c: Record<string, any>) => {
        c.io.errors = { alreadyPaid: { status: 409, description: 'x' } };
      },
      /UPPER_SNAKE_CASE/,
    ],
    [
      'a reserved error code',
      (c: Record<string, any>) => {
        c.io.errors = { NOT_FOUND: { status: 404, description: 'x' } };
      },
      /reserved/,
    ],
    [
      'a 5xx domain error',
      (c: Record<string, any>) => {
        c.io.errors = { BROKEN: { status: 500, description: 'x' } };
      },
      /4xx status/,
    ],
    [
      'a transient flag that is not a boolean',
      (c: Record<string, any>) => {
        c.io.errors = { BUSY: { status: 409, description: 'x', transient: 'yes' } };
      },
      /transient must be true or false/,
    ],
    [
      'a zero rate limit',
      (c: Record<string, any>) => {
        c.rateLimit = { limit: 0, windowSeconds: 1 };
      },
      /rateLimit.limit/,
    ],
    [
      'a bad redaction path',
      (c: Record<string, any>) => {
        c.audit = { redact: ['card..number'] };
      },
      /dotted field names/,
    ],
    [
      'a reserved redaction path',
      (c: Record<string, any>) => {
        c.audit = { redact: ['a.__proto__'] };
      },
      /reserved key/,
    ],
    [
      'an unknown transport',
      (c: Record<string, any>) => {
        c.exposure = { grpc: true };
      },
      /not a transport/,
    ],
    [
      'events that are not event specs',
      (c: Record<string, any>) => {
        c.events = [{ name: 'x' }];
      },
      /defineEvent/,
    ],
  ])('rejects %s with a clear message', (_name, patch, message) => {
    expect(() => defineCommand(variant(patch))).toThrow(message);
  });

  it('rejects idempotency and events on queries', () => {
    expect(() => defineQuery({ ...base, idempotency: { required: true } } as never)).toThrow(
      /idempotent already/,
    );
  });

  it('accepts conditions defined before the spec', () => {
    const name = defineCondition('withinRefundWindow', () => true);
    const spec = defineCommand({
      ...base,
      meta: { ...base.meta, name: 'billing.refund' },
      policy: {
        auth: 'user',
        rules: [{ resource: 'invoice', action: 'refund', condition: { anyOf: ['admin', name] } }],
      },
    });
    expect(spec.policy.rules?.[0]?.condition).toEqual({ anyOf: ['admin', 'withinRefundWindow'] });
  });

  it('accepts any Standard Schema as io (zod 4)', () => {
    const spec = defineCommand({
      ...base,
      io: { input: z.object({ invoiceId: z.string().min(1) }), output: z.object({ status: z.string() }) },
    });
    expect(spec.io.input['~standard'].vendor).toBe('zod');
    expect(Object.isFrozen(spec.io.input)).toBe(false);
  });

  it('declares events', () => {
    const InvoicePaid = defineEvent({
      meta: {
        name: 'billing.invoicePaid',
        version: 1,
        description: 'An invoice was paid',
        owners: ['team-billing'],
      },
      payload: Input,
    });
    const spec = defineCommand({ ...base, events: [InvoicePaid] });
    expect(spec.events?.[0]?.meta.name).toBe('billing.invoicePaid');
    expect(() => defineEvent({ meta: { ...InvoicePaid.meta, name: 'paid' }, payload: Input })).toThrow(
      /camelCase/,
    );
    expect(() => defineEvent({ meta: InvoicePaid.meta, payload: 'x' as never })).toThrow(/payload must be/);
  });
});
