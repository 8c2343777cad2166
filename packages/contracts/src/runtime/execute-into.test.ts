import { describe, expect, it } from 'vitest';
import { installOp, SpecRegistry } from '../registry/registry.js';
import { alice, PayInvoice, valid } from './execute.fixture.js';
import { type ExecuteRequest, type ExecuteResult, execute, executeInto } from './execute.js';
import { MemoryAuditSink } from './memory/audit.js';

function registry(handler: () => unknown): SpecRegistry {
  const r = new SpecRegistry();
  // Cast: some cases return what the output model refuses, or throw, on purpose.
  installOp(r, PayInvoice, handler as never);
  return r;
}

const request = (input: unknown = valid): ExecuteRequest => ({
  name: 'billing.pay',
  input,
  transport: 'internal',
  context: alice,
  requestId: 'req-into',
});

/** Runs `executeInto` and collects what it hands over, once the pipeline has had time to end. */
async function results(r: SpecRegistry, req: ExecuteRequest): Promise<ExecuteResult[]> {
  const got: ExecuteResult[] = [];
  executeInto(r, req, { executed: (result) => got.push(result) });
  await new Promise((resolve) => setTimeout(resolve, 20));
  return got;
}

/** The parts of a result that two runs of the same call share. */
const shape = (result: ExecuteResult | undefined) =>
  result === undefined
    ? undefined
    : result.ok
      ? { ok: true, output: result.output, requestId: result.requestId }
      : { ok: false, code: result.error.code, requestId: result.requestId };

describe('executeInto', () => {
  it('hands over exactly one result, the one execute gives, for every kind of ending', async () => {
    const cases: Array<[() => unknown, unknown]> = [
      [() => ({ status: 'paid' }), valid],
      [async () => ({ status: 'paid' }), valid],
      [() => ({ status: 'paid' }), { amount: -1 }],
      [
        () => {
          throw new Error('boom');
        },
        valid,
      ],
      [() => ({ wrong: true }), valid],
    ];
    for (const [handler, input] of cases) {
      const got = await results(registry(handler), request(input));
      expect(got).toHaveLength(1);
      expect(shape(got[0])).toEqual(shape(await execute(registry(handler), request(input))));
    }
  });

  it('drops a throw of the receiver: the call is over and recorded', async () => {
    const audit = new MemoryAuditSink();
    const r = new SpecRegistry({ audit });
    installOp(r, PayInvoice, async () => ({ status: 'paid' }));
    let told = 0;
    executeInto(r, request(), {
      executed: () => {
        told++;
        throw new Error('receiver fault');
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(told).toBe(1);
    expect(audit.records().at(-1)).toMatchObject({ requestId: 'req-into', outcome: 'success' });
  });
});
