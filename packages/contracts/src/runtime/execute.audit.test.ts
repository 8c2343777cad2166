import { createHmac } from 'node:crypto';
import { ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';
import { describe, expect, it } from 'vitest';
import { installOp, SpecRegistry } from '../registry/registry.js';
import { defineCommand } from '../spec/operation.js';
import { canonicalJson } from './canonical-json.js';
import type { AppContext } from './context.js';
import { execute } from './execute.js';
import { MemoryAuditSink } from './memory/audit.js';

// One audit record per call: success, denial and failure; redaction; digests instead of bad input.

const Capture = new SchemaModel({
  name: 'Capture',
  fields: {
    invoiceId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false },
    amount: { type: ScalarTypeEnum.PositiveInt(), isOptional: false },
    paymentMethodId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false },
  },
});
const Result = new SchemaModel({
  name: 'Result',
  fields: { status: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false } },
});
const CapturePayment = defineCommand({
  meta: {
    name: 'billing.capturePayment',
    version: 3,
    stability: 'stable',
    description: 'Capture a payment',
    owners: ['team-billing'],
  },
  io: { input: Capture, output: Result },
  policy: { auth: 'user', rules: [{ resource: 'invoice', action: 'pay', condition: 'owner' }] },
  audit: { redact: ['paymentMethodId'] },
});

const AUDIT_KEY = 'test-audit-key';
const input = { invoiceId: 'inv_1', amount: 1200, paymentMethodId: 'pm_card_secret' };
const alice = { actor: 'user', userId: 'alice', tenantId: 'acme' } as const;

function setup(handler: () => unknown = () => ({ status: 'succeeded' })) {
  const audit = new MemoryAuditSink();
  const registry = new SpecRegistry({ audit, auditKey: AUDIT_KEY });
  installOp(registry, CapturePayment, handler as never);
  registry.resources.register('invoice', ({ input }) => ({
    id: (input as { invoiceId: string }).invoiceId,
    ownerId: 'alice',
  }));
  const run = (body: unknown = input, context: AppContext = alice) =>
    execute(registry, { name: 'billing.capturePayment', input: body, transport: 'rest', context });
  return { audit, run };
}

const hmac = (value: unknown) => createHmac('sha256', AUDIT_KEY).update(canonicalJson(value)).digest('hex');

describe('execute: audit', () => {
  it('records a success once, with actor, decision, redacted input and digest', async () => {
    const { audit, run } = setup();
    const result = await run();
    expect(result.ok).toBe(true);
    const records = audit.records();
    expect(records).toHaveLength(1);
    const [record] = records;
    expect(record).toMatchObject({
      requestId: result.requestId,
      transport: 'rest',
      operation: { name: 'billing.capturePayment', version: 3, kind: 'command' },
      actor: { type: 'user', userId: 'alice', tenantId: 'acme' },
      decision: { allowed: true, rule: 'rules' },
      outcome: 'success',
      input: { invoiceId: 'inv_1', amount: 1200, paymentMethodId: '[redacted]' },
      inputDigest: hmac(input),
    });
    expect(record?.errorCode).toBeUndefined();
    expect(JSON.stringify(records)).not.toContain('pm_card_secret');
  });

  it('records a policy denial once, with the rule and the reason', async () => {
    const { audit, run } = setup();
    const result = await run(input, { actor: 'user', userId: 'mallory' });
    expect(result.ok).toBe(false);
    const records = audit.records();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      outcome: 'denied',
      errorCode: 'FORBIDDEN',
      actor: { type: 'user', userId: 'mallory' },
      decision: { allowed: false, rule: 'rules[0] invoice:pay', reason: expect.stringContaining('owner') },
      input: { paymentMethodId: '[redacted]' },
    });
    expect(JSON.stringify(records)).not.toContain('pm_card_secret');
  });

  it('records an authentication denial once, without the input', async () => {
    const { audit, run } = setup();
    await run(input, { actor: 'anonymous' });
    const records = audit.records();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      outcome: 'denied',
      errorCode: 'UNAUTHENTICATED',
      actor: { type: 'anonymous' },
      decision: { allowed: false, rule: 'auth', reason: 'no identity' },
    });
    expect(records[0]?.input).toBeUndefined();
    expect(records[0]?.inputDigest).toBeUndefined();
  });

  it('records a failure once, with outcome error and the error code', async () => {
    const { audit, run } = setup(() => {
      throw new Error('gateway exploded');
    });
    await run();
    const records = audit.records();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      outcome: 'error',
      errorCode: 'INTERNAL',
      decision: { allowed: true },
    });
    expect(JSON.stringify(records)).not.toContain('gateway exploded');
  });

  it('records an unknown operation as an error', async () => {
    const audit = new MemoryAuditSink();
    const registry = new SpecRegistry({ audit });
    await execute(registry, { name: 'billing.nope', input: {}, transport: 'rest', context: alice });
    expect(audit.records()).toHaveLength(1);
    expect(audit.records()[0]).toMatchObject({
      outcome: 'error',
      errorCode: 'NOT_FOUND',
      operation: { name: 'billing.nope', version: 0 },
    });
  });

  it('never stores or hashes invalid input', async () => {
    const { audit, run } = setup();
    const bad = {
      invoiceId: '',
      amount: -1,
      paymentMethodId: 'pm_card_secret',
      cardNumber: '4242424242424242',
    };
    const result = await run(bad);
    expect(result.ok ? 'ok' : result.error.code).toBe('INVALID_INPUT');
    const [record] = audit.records();
    expect(audit.records()).toHaveLength(1);
    expect(record?.outcome).toBe('error');
    expect(record?.errorCode).toBe('INVALID_INPUT');
    expect(record?.input).toBeUndefined();
    expect(record?.inputDigest).toBeUndefined();
    const text = JSON.stringify(audit.records());
    expect(text).not.toContain('4242424242424242');
    expect(text).not.toContain('pm_card_secret');
  });

  it('gives equal digests for equal inputs with different key order, and different ones otherwise', async () => {
    const { audit, run } = setup();
    await run({ invoiceId: 'inv_1', amount: 1200, paymentMethodId: 'pm_1' });
    await run({ paymentMethodId: 'pm_1', amount: 1200, invoiceId: 'inv_1' });
    await run({ paymentMethodId: 'pm_2', amount: 1200, invoiceId: 'inv_1' });
    const [a, b, c] = audit.records().map((r) => r.inputDigest);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('keys the digest: another audit key gives another digest', async () => {
    const other = new MemoryAuditSink();
    const registry = new SpecRegistry({ audit: other, auditKey: 'another-key' });
    installOp(registry, CapturePayment, () => ({ status: 'ok' }));
    registry.resources.register('invoice', () => ({ ownerId: 'alice' }));
    await execute(registry, { name: 'billing.capturePayment', input, transport: 'rest', context: alice });
    expect(other.records()[0]?.inputDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(other.records()[0]?.inputDigest).not.toBe(hmac(input));
  });

  it('stores only declared keys of a stripping model', async () => {
    const Loose = new SchemaModel({
      name: 'Loose',
      unknownKeys: 'strip',
      fields: { note: { type: ScalarTypeEnum.String(), isOptional: false } },
    });
    const op = defineCommand({
      meta: { name: 'billing.note', version: 1, stability: 'stable', description: 'Note', owners: ['t'] },
      io: { input: Loose, output: Result },
      policy: { auth: 'user' },
    });
    const audit = new MemoryAuditSink();
    const registry = new SpecRegistry({ audit });
    installOp(registry, op, () => ({ status: 'ok' }));
    await execute(registry, {
      name: 'billing.note',
      input: { note: 'hi', cardNumber: '4242424242424242' },
      transport: 'rest',
      context: alice,
    });
    expect(audit.records()[0]?.input).toEqual({ note: 'hi' });
    expect(JSON.stringify(audit.records())).not.toContain('4242');
  });

  it('audits the input as validated, even if the handler mutates it', async () => {
    const Loose = new SchemaModel({
      name: 'LooseNote',
      unknownKeys: 'strip',
      fields: { note: { type: ScalarTypeEnum.String(), isOptional: false } },
    });
    const op = defineCommand({
      meta: { name: 'billing.mutate', version: 1, stability: 'stable', description: 'Note', owners: ['t'] },
      io: { input: Loose, output: Result },
      policy: { auth: 'user' },
    });
    const audit = new MemoryAuditSink();
    const registry = new SpecRegistry({ audit });
    installOp(registry, op, (input) => {
      (input as { note: string }).note = 'rewritten by the handler';
      return { status: 'ok' };
    });
    await execute(registry, {
      name: 'billing.mutate',
      input: { note: 'sent' },
      transport: 'rest',
      context: alice,
    });
    expect(audit.records()[0]?.input).toEqual({ note: 'sent' });
  });

  it('keeps the audit record apart from the caller’s input object', async () => {
    const Strict = new SchemaModel({
      name: 'Strict',
      fields: { note: { type: ScalarTypeEnum.String(), isOptional: false } },
    });
    const op = defineCommand({
      meta: {
        name: 'billing.strictNote',
        version: 1,
        stability: 'stable',
        description: 'Note',
        owners: ['t'],
      },
      io: { input: Strict, output: Result },
      policy: { auth: 'user' },
    });
    const audit = new MemoryAuditSink();
    const registry = new SpecRegistry({ audit });
    installOp(registry, op, () => ({ status: 'ok' }));
    const body = { note: 'original' };
    await execute(registry, { name: 'billing.strictNote', input: body, transport: 'rest', context: alice });
    body.note = 'changed later';
    expect(audit.records()[0]?.input).toEqual({ note: 'original' });
  });
});
