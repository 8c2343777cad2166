import { ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';
import { describe, expect, it } from 'vitest';
import { installOp, SpecRegistry } from '../registry/registry.js';
import { defineCommand } from '../spec/operation.js';
import { ContractError } from './errors.js';
import { type ExecuteResult, execute } from './execute.js';
import { MemoryAuditSink } from './memory/audit.js';
import { MemoryOutbox } from './memory/outbox.js';
import { type MemoryTransaction, MemoryUnitOfWork } from './memory/unit-of-work.js';

// Errors the handler raises, the output contract, and the unit of work around the handler.

const Pay = new SchemaModel({
  name: 'Pay',
  fields: { invoiceId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false } },
});
const Receipt = new SchemaModel({
  name: 'Receipt',
  fields: {
    transactionId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false },
    amount: { type: ScalarTypeEnum.PositiveInt(), isOptional: false },
    note: { type: ScalarTypeEnum.String(), isOptional: true },
  },
});
const AlreadyPaidData = new SchemaModel({
  name: 'AlreadyPaidData',
  fields: { invoiceId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false } },
});

const PayInvoice = defineCommand({
  meta: {
    name: 'billing.payInvoice',
    version: 1,
    stability: 'stable',
    description: 'Pay an invoice',
    owners: ['team-billing'],
  },
  io: {
    input: Pay,
    output: Receipt,
    errors: {
      ALREADY_PAID: { status: 409, description: 'The invoice is already paid', data: AlreadyPaidData },
      INVOICE_NOT_FOUND: { status: 404, description: 'No such invoice' },
    },
  },
  policy: { auth: 'user' },
});

type PayHandler = Parameters<typeof installOp<typeof PayInvoice>>[2];

function setup(handler: PayHandler) {
  const unitOfWork = new MemoryUnitOfWork();
  const audit = new MemoryAuditSink();
  const outbox = new MemoryOutbox();
  const registry = new SpecRegistry({ unitOfWork, audit, outbox });
  installOp(registry, PayInvoice, handler);
  const run = (requestId?: string) =>
    execute(registry, {
      name: 'billing.payInvoice',
      input: { invoiceId: 'inv_1' },
      transport: 'rest',
      context: { actor: 'user', userId: 'alice' },
      ...(requestId === undefined ? {} : { requestId }),
    });
  return { registry, unitOfWork, audit, outbox, run };
}

function failure(result: ExecuteResult): ContractError {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.output)}`);
  return result.error;
}

describe('execute: declared domain errors', () => {
  it('keeps the code, declared status and typed data of ctx.fail(...)', async () => {
    const { run } = setup((input, ctx) => {
      throw ctx.fail('ALREADY_PAID', 'Paid yesterday', { invoiceId: input.invoiceId });
    });
    const error = failure(await run('req-1'));
    expect(error).toBeInstanceOf(ContractError);
    expect(error.code).toBe('ALREADY_PAID');
    expect(error.status).toBe(409);
    expect(error.message).toBe('Paid yesterday');
    expect(error.data).toEqual({ invoiceId: 'inv_1' });
    expect(error.toJSON()).toEqual({
      code: 'ALREADY_PAID',
      message: 'Paid yesterday',
      data: { invoiceId: 'inv_1' },
      requestId: 'req-1',
    });
  });

  it('uses the declared description when ctx.fail gets no message', async () => {
    const { run } = setup((_input, ctx) => {
      throw ctx.fail('INVOICE_NOT_FOUND');
    });
    const error = failure(await run());
    expect(error.code).toBe('INVOICE_NOT_FOUND');
    expect(error.status).toBe(404);
    expect(error.message).toBe('No such invoice');
  });

  it('takes the declared status for new ContractError(code) thrown directly', async () => {
    const { run } = setup(() => {
      throw new ContractError('ALREADY_PAID', 'Already paid', { data: { invoiceId: 'inv_1' } });
    });
    const error = failure(await run());
    expect(error.code).toBe('ALREADY_PAID');
    expect(error.status).toBe(409);
    expect(error.data).toEqual({ invoiceId: 'inv_1' });
  });

  it('turns error data that breaks its declared model into INTERNAL', async () => {
    const { run } = setup(() => {
      throw new ContractError('ALREADY_PAID', 'Already paid', { data: { invoiceId: 42 } });
    });
    const error = failure(await run());
    expect(error.code).toBe('INTERNAL');
    expect(error.status).toBe(500);
  });

  it('turns an undeclared custom code into INTERNAL, however it is raised', async () => {
    const raisers: PayHandler[] = [
      () => {
        throw new ContractError('CARD_EXPIRED', 'The card expired');
      },
      (_input, ctx) => {
        throw (ctx.fail as (code: string) => ContractError)('CARD_EXPIRED');
      },
      // Names on Object.prototype are not declared errors either.
      () => {
        throw new ContractError('constructor', 'not a declared code');
      },
      (_input, ctx) => {
        throw (ctx.fail as (code: string) => ContractError)('toString');
      },
    ];
    for (const raise of raisers) {
      const error = failure(await setup(raise).run());
      expect(error.code).toBe('INTERNAL');
      expect(error.status).toBe(500);
      expect(error.message).toBe('Internal error');
    }
  });
});

describe('execute: unexpected failures', () => {
  it('never leaks what a plain Error says', async () => {
    const { run } = setup(() => {
      throw new Error('secret database password');
    });
    const result = await run();
    const error = failure(result);
    expect(error.code).toBe('INTERNAL');
    expect(error.status).toBe(500);
    expect(error.message).toBe('Internal error');
    expect(error.requestId).toBe(result.requestId);
    expect(error.requestId).toMatch(/^[0-9a-f]{12}-[0-9a-z]+$/);
    expect(result.ok).toBe(false);
    expect(JSON.stringify(error)).not.toContain('secret');
    expect(JSON.stringify(error)).not.toContain('password');
    expect(JSON.stringify({ ...result, spec: undefined })).not.toContain('secret');
    expect(error.message).not.toContain('secret');
    // Kept for logs only.
    expect((error.cause as Error).message).toBe('secret database password');
  });

  it('does not leak the message of a ContractError("INTERNAL", ...) either', async () => {
    const { run } = setup(() => {
      throw new ContractError('INTERNAL', 'connection to db://admin:secret@host failed');
    });
    const error = failure(await run());
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toBe('Internal error');
    expect(JSON.stringify(error)).not.toContain('secret');
  });

  it('answers INTERNAL for thrown non-errors', async () => {
    for (const thrown of [
      undefined,
      null,
      'secret string',
      42,
      { code: 'ALREADY_PAID', message: 'secret' },
    ]) {
      const error = failure(
        await setup(() => {
          throw thrown;
        }).run(),
      );
      expect(error.code).toBe('INTERNAL');
      expect(JSON.stringify(error)).not.toContain('secret');
    }
  });

  it('accepts a ContractError look-alike (another copy of the package) without its methods', async () => {
    const lookAlike = Object.assign(new Error('Not yours'), {
      name: 'ContractError',
      code: 'FORBIDDEN',
      status: 403,
    });
    const error = failure(
      await setup(() => {
        throw lookAlike;
      }).run('req-2'),
    );
    expect(error).toBeInstanceOf(ContractError);
    expect(error).toMatchObject({ code: 'FORBIDDEN', status: 403, message: 'Not yours', requestId: 'req-2' });
  });

  it('passes framework codes thrown by the handler through', async () => {
    const { run } = setup(() => {
      throw new ContractError('CONFLICT', 'Try again');
    });
    const error = failure(await run());
    expect(error.code).toBe('CONFLICT');
    expect(error.status).toBe(409);
    expect(error.origin).toBe('handler');
  });
});

describe('execute: output contract', () => {
  const broken: Array<[string, unknown]> = [
    ['a missing required field', { transactionId: 'pi_1' }],
    ['a wrong type', { transactionId: 'pi_1', amount: 'ten' }],
    ['a value out of range', { transactionId: 'pi_1', amount: -5 }],
    ['no object at all', null],
    ['a string', 'ok'],
  ];
  it.each(broken)('answers INTERNAL 500 with origin output for %s', async (_label, output) => {
    const { run, audit, unitOfWork } = setup(() => output as never);
    const error = failure(await run());
    expect(error.code).toBe('INTERNAL');
    expect(error.status).toBe(500);
    expect(error.origin).toBe('output');
    expect(error.issues).toBeUndefined();
    expect(unitOfWork.rolledBack).toBe(1);
    expect(audit.records().map((r) => r.outcome)).toEqual(['error']);
  });

  it('drops undeclared output keys', async () => {
    const { run } = setup(
      () => ({ transactionId: 'pi_1', amount: 10, internalCost: 3, secret: 'x' }) as never,
    );
    const result = await run();
    expect(result).toMatchObject({ ok: true });
    if (result.ok) expect(result.output).toEqual({ transactionId: 'pi_1', amount: 10 });
  });
});

describe('execute: unit of work', () => {
  it('commits staged writes, the audit record and events together on success', async () => {
    const writes: string[] = [];
    const { run, unitOfWork, audit } = setup((input, ctx) => {
      (ctx.tx as MemoryTransaction).onCommit(() => writes.push(input.invoiceId));
      expect(writes).toEqual([]);
      return { transactionId: 'pi_1', amount: 10 };
    });
    expect((await run()).ok).toBe(true);
    expect(writes).toEqual(['inv_1']);
    expect(unitOfWork.committed).toBe(1);
    expect(unitOfWork.rolledBack).toBe(0);
    expect(audit.records().map((r) => r.outcome)).toEqual(['success']);
  });

  it('leaves no write, no success audit and no event behind when the handler throws', async () => {
    const writes: string[] = [];
    const published: unknown[] = [];
    const { run, unitOfWork, audit, outbox } = setup((input, ctx) => {
      (ctx.tx as MemoryTransaction).onCommit(() => writes.push(input.invoiceId));
      throw new Error('boom after the write');
    });
    outbox.subscribe((event) => void published.push(event));
    const error = failure(await run());
    expect(error.code).toBe('INTERNAL');
    expect(writes).toEqual([]);
    expect(outbox.published()).toEqual([]);
    expect(published).toEqual([]);
    expect(unitOfWork.committed).toBe(0);
    expect(unitOfWork.rolledBack).toBe(1);
    const records = audit.records();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ outcome: 'error', errorCode: 'INTERNAL' });
  });

  it('rolls back a declared domain error too', async () => {
    const writes: string[] = [];
    const { run, unitOfWork } = setup((input, ctx) => {
      (ctx.tx as MemoryTransaction).onCommit(() => writes.push(input.invoiceId));
      throw ctx.fail('INVOICE_NOT_FOUND');
    });
    expect(failure(await run()).code).toBe('INVOICE_NOT_FOUND');
    expect(writes).toEqual([]);
    expect(unitOfWork).toMatchObject({ committed: 0, rolledBack: 1 });
  });

  it('does not open a unit of work for calls that fail before the handler', async () => {
    const { registry, unitOfWork } = setup(() => ({ transactionId: 'pi_1', amount: 1 }));
    await execute(registry, {
      name: 'billing.payInvoice',
      input: {},
      transport: 'rest',
      context: { actor: 'user', userId: 'alice' },
    });
    expect(unitOfWork).toMatchObject({ committed: 0, rolledBack: 0 });
  });
});
