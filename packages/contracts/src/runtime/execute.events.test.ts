import { ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';
import { describe, expect, it } from 'vitest';
import { installOp, SpecRegistry } from '../registry/registry.js';
import { defineEvent } from '../spec/event.js';
import { defineCommand } from '../spec/operation.js';
import type { ContractError } from './errors.js';
import { type ExecuteResult, execute } from './execute.js';
import { MemoryAuditSink } from './memory/audit.js';
import { MemoryOutbox } from './memory/outbox.js';
import { type MemoryTransaction, MemoryUnitOfWork } from './memory/unit-of-work.js';
import type { OutboxEvent } from './ports.js';

// Declared events: validated, stored in the unit of work, published only after it commits.

const Pay = new SchemaModel({
  name: 'Pay',
  fields: { invoiceId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false } },
});
const Paid = new SchemaModel({
  name: 'Paid',
  fields: { status: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false } },
});
const InvoicePaidPayload = new SchemaModel({
  name: 'InvoicePaidPayload',
  fields: {
    invoiceId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false },
    amount: { type: ScalarTypeEnum.PositiveInt(), isOptional: false },
  },
});
const InvoicePaid = defineEvent({
  meta: {
    name: 'billing.invoicePaid',
    version: 2,
    description: 'An invoice was paid',
    owners: ['team-billing'],
  },
  payload: InvoicePaidPayload,
});
const ReceiptSent = defineEvent({
  meta: {
    name: 'billing.receiptSent',
    version: 1,
    description: 'A receipt was sent',
    owners: ['team-billing'],
  },
  payload: Pay,
});
const PayInvoice = defineCommand({
  meta: {
    name: 'billing.payInvoice',
    version: 1,
    stability: 'stable',
    description: 'Pay an invoice',
    owners: ['team-billing'],
  },
  io: { input: Pay, output: Paid },
  policy: { auth: 'user' },
  events: [InvoicePaid, ReceiptSent],
});

type PayHandler = Parameters<typeof installOp<typeof PayInvoice>>[2];

function setup(handler: PayHandler) {
  const unitOfWork = new MemoryUnitOfWork();
  const outbox = new MemoryOutbox();
  const registry = new SpecRegistry({ unitOfWork, outbox });
  installOp(registry, PayInvoice, handler);
  const seen: OutboxEvent[] = [];
  outbox.subscribe((event) => void seen.push(event));
  const run = () =>
    execute(registry, {
      name: 'billing.payInvoice',
      input: { invoiceId: 'inv_1' },
      transport: 'rest',
      requestId: 'req-ev-1',
      context: { actor: 'user', userId: 'alice', tenantId: 'acme' },
    });
  return { registry, unitOfWork, outbox, seen, run };
}

function failure(result: ExecuteResult): ContractError {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.output)}`);
  return result.error;
}

describe('execute: events', () => {
  it('publishes a declared event after commit, with id, name, version, request and tenant', async () => {
    let publishedDuringHandler = -1;
    const { run, outbox, seen, unitOfWork } = setup(async (input, ctx) => {
      ctx.emit('billing.invoicePaid', { invoiceId: input.invoiceId, amount: 500 });
      (ctx.tx as MemoryTransaction).onCommit(() => {
        // Staged before the outbox write, so it runs first on commit.
        publishedDuringHandler = outbox.published().length;
      });
      await Promise.resolve();
      expect(outbox.published()).toEqual([]);
      return { status: 'paid' };
    });
    const result = await run();
    expect(result.ok).toBe(true);
    expect(publishedDuringHandler).toBe(0);
    expect(unitOfWork.committed).toBe(1);
    const events = outbox.published();
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'billing.invoicePaid',
      version: 2,
      payload: { invoiceId: 'inv_1', amount: 500 },
      occurredAt: expect.any(String),
      requestId: 'req-ev-1',
      tenantId: 'acme',
    });
    expect(Number.isNaN(Date.parse(event?.occurredAt ?? ''))).toBe(false);
    expect(seen).toEqual(events);
  });

  it('publishes several events in order with distinct ids, and drops undeclared payload keys', async () => {
    const { run, outbox } = setup((input, ctx) => {
      ctx.emit('billing.invoicePaid', { invoiceId: input.invoiceId, amount: 1, extra: 'dropped' } as never);
      ctx.emit('billing.receiptSent', { invoiceId: input.invoiceId });
      return { status: 'paid' };
    });
    expect((await run()).ok).toBe(true);
    const events = outbox.published();
    expect(events.map((e) => e.name)).toEqual(['billing.invoicePaid', 'billing.receiptSent']);
    expect(new Set(events.map((e) => e.id)).size).toBe(2);
    expect(events[0]?.payload).toEqual({ invoiceId: 'inv_1', amount: 1 });
  });

  it('answers INTERNAL and publishes nothing when a payload breaks its contract', async () => {
    const { run, outbox, seen, unitOfWork } = setup((input, ctx) => {
      ctx.emit('billing.receiptSent', { invoiceId: input.invoiceId });
      ctx.emit('billing.invoicePaid', { invoiceId: input.invoiceId, amount: -3 });
      return { status: 'paid' };
    });
    const error = failure(await run());
    expect(error.code).toBe('INTERNAL');
    expect(error.status).toBe(500);
    expect(error.message).toBe('Internal error');
    expect(outbox.published()).toEqual([]);
    expect(seen).toEqual([]);
    expect(unitOfWork).toMatchObject({ committed: 0, rolledBack: 1 });
  });

  it('answers INTERNAL when the handler emits an undeclared event', async () => {
    const { run, outbox } = setup((input, ctx) => {
      ctx.emit('billing.invoicePaid', { invoiceId: input.invoiceId, amount: 1 });
      (ctx.emit as (name: string, payload: unknown) => void)('billing.invoiceRefunded', {});
      return { status: 'paid' };
    });
    const error = failure(await run());
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toBe('Internal error');
    expect(JSON.stringify(error)).not.toContain('invoiceRefunded');
    expect(outbox.published()).toEqual([]);
  });

  it('publishes nothing when the handler fails after emitting', async () => {
    const { run, outbox } = setup((input, ctx) => {
      ctx.emit('billing.invoicePaid', { invoiceId: input.invoiceId, amount: 1 });
      throw new Error('card declined');
    });
    expect(failure(await run()).code).toBe('INTERNAL');
    expect(outbox.published()).toEqual([]);
  });

  it('publishes nothing when the output breaks its contract after emitting', async () => {
    const { run, outbox } = setup((input, ctx) => {
      ctx.emit('billing.invoicePaid', { invoiceId: input.invoiceId, amount: 1 });
      return { status: '' };
    });
    expect(failure(await run())).toMatchObject({ code: 'INTERNAL', origin: 'output' });
    expect(outbox.published()).toEqual([]);
  });

  it('leaves tenantId out of events of a caller without a tenant', async () => {
    const outbox = new MemoryOutbox();
    const registry = new SpecRegistry({ outbox });
    installOp(registry, PayInvoice, (input, ctx) => {
      ctx.emit('billing.receiptSent', { invoiceId: input.invoiceId });
      return { status: 'paid' };
    });
    const result = await execute(registry, {
      name: 'billing.payInvoice',
      input: { invoiceId: 'inv_2' },
      transport: 'internal',
      context: { actor: 'user', userId: 'bob' },
    });
    expect(result.ok).toBe(true);
    const [event] = outbox.published();
    expect(event).toBeDefined();
    expect(event && 'tenantId' in event).toBe(false);
    expect(event?.requestId).toBe(result.requestId);
  });

  it('survives a listener that throws', async () => {
    const audit = new MemoryAuditSink();
    const { run, outbox, registry, seen } = setup((input, ctx) => {
      ctx.emit('billing.receiptSent', { invoiceId: input.invoiceId });
      return { status: 'paid' };
    });
    registry.configure({ audit });
    outbox.subscribe(() => {
      throw new Error('listener down');
    });
    outbox.subscribe(async () => {
      throw new Error('async listener down');
    });
    outbox.subscribe((event) => void seen.push(event));
    expect((await run()).ok).toBe(true);
    expect(outbox.published()).toHaveLength(1);
    expect(seen).toHaveLength(2);
    expect(audit.records().map((r) => r.outcome)).toEqual(['success']);
  });
});
