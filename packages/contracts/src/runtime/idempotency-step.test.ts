import { ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { installOp, SpecRegistry } from '../registry/registry.js';
import { defineCommand, defineQuery } from '../spec/operation.js';
import type { BaseContext } from './context.js';
import { type ExecuteResult, execute } from './execute.js';
import { MemoryAuditSink } from './memory/audit.js';
import { MemoryIdempotencyStore } from './memory/idempotency.js';
import type { Clock, IdempotencyClaim, IdempotencyStore, StoredResponse } from './ports.js';

const Meta = new SchemaModel({
  name: 'ChargeMeta',
  fields: {
    source: { type: ScalarTypeEnum.String(), isOptional: false },
    channel: { type: ScalarTypeEnum.String(), isOptional: false },
  },
});
const Input = new SchemaModel({
  name: 'ChargeInput',
  fields: {
    invoiceId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false },
    amount: { type: ScalarTypeEnum.PositiveInt(), isOptional: false },
    meta: { type: Meta, isOptional: true },
  },
});
const Output = new SchemaModel({
  name: 'ChargeOutput',
  fields: {
    chargeId: { type: ScalarTypeEnum.String(), isOptional: false },
    run: { type: ScalarTypeEnum.Int(), isOptional: false },
  },
});
const Declined = new SchemaModel({
  name: 'DeclinedData',
  fields: { reason: { type: ScalarTypeEnum.String(), isOptional: false } },
});
const StampedData = new SchemaModel({
  name: 'StampedData',
  fields: { at: { type: ScalarTypeEnum.DateTime(), isOptional: false } },
});

const meta = (name: string) => ({
  name,
  version: 1,
  description: 'Charges an invoice',
  owners: ['team-billing'],
  stability: 'stable' as const,
});

const Charge = defineCommand({
  meta: meta('billing.charge'),
  io: {
    input: Input,
    output: Output,
    errors: {
      CARD_DECLINED: { status: 402, description: 'The card was declined', data: Declined },
      STAMPED: { status: 409, description: 'Carries a timestamp', data: StampedData },
      BUSY: { status: 409, description: 'Another charge is under way', transient: true },
    },
  },
  policy: { auth: 'user' },
});
const Refund = defineCommand({
  meta: meta('billing.refund'),
  io: { input: Input, output: Output },
  policy: { auth: 'user' },
});
const StrictCharge = defineCommand({
  meta: meta('billing.strictCharge'),
  io: { input: Input, output: Output },
  policy: { auth: 'user' },
  idempotency: { required: true, ttlSeconds: 60 },
});
const Donate = defineCommand({
  meta: meta('billing.donate'),
  io: { input: Input, output: Output },
  policy: { auth: 'anonymous' },
});
const Lookup = defineQuery({
  meta: meta('billing.lookup'),
  io: { input: Input, output: Output },
  policy: { auth: 'user' },
});

type Behaviour = 'busy' | 'ok' | 'declined' | 'internal' | 'stamped';

interface Harness {
  readonly registry: SpecRegistry;
  readonly audit: MemoryAuditSink;
  readonly runs: Record<string, number>;
  behaviour: Behaviour;
  delayMs: number;
  call(
    input: unknown,
    key: string | undefined,
    options?: { user?: string | null; tenant?: string; op?: string },
  ): Promise<ExecuteResult>;
}

function harness(
  options: { clock?: Clock; idempotency?: IdempotencyStore; gate?: () => Promise<void> } = {},
) {
  const audit = new MemoryAuditSink();
  const registry = new SpecRegistry({
    audit,
    tracer: false,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.idempotency === undefined ? {} : { idempotency: options.idempotency }),
  });
  const h: Harness = {
    registry,
    audit,
    runs: {},
    behaviour: 'ok',
    delayMs: 0,
    call: (input, key, o = {}) => {
      const user = o.user === undefined ? 'alice' : o.user;
      const context: BaseContext = {
        ...(user === null ? { actor: 'anonymous' } : { actor: 'user', userId: user }),
        ...(o.tenant === undefined ? {} : { tenantId: o.tenant }),
      };
      return execute(registry, {
        name: o.op ?? 'billing.charge',
        input,
        transport: 'internal',
        context,
        ...(key === undefined ? {} : { idempotencyKey: key }),
      });
    },
  };
  const count = (name: string): number => {
    h.runs[name] = (h.runs[name] ?? 0) + 1;
    return h.runs[name];
  };
  installOp(registry, Charge, async (input, ctx) => {
    const run = count('billing.charge');
    if (options.gate !== undefined) await options.gate();
    if (h.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, h.delayMs));
    if (h.behaviour === 'declined') throw ctx.fail('CARD_DECLINED', 'Declined', { reason: `run ${run}` });
    if (h.behaviour === 'stamped') throw ctx.fail('STAMPED', 'Stamped', { at: new Date(0) });
    if (h.behaviour === 'internal') throw new Error(`database down (run ${run})`);
    if (h.behaviour === 'busy') throw ctx.fail('BUSY', 'Busy');
    return { chargeId: `ch_${input.invoiceId}_${input.amount}_${run}`, run };
  });
  installOp(registry, Refund, async (input) => {
    const run = count('billing.refund');
    return { chargeId: `re_${input.invoiceId}_${run}`, run };
  });
  installOp(registry, StrictCharge, async (input) => {
    const run = count('billing.strictCharge');
    return { chargeId: `sc_${input.invoiceId}_${run}`, run };
  });
  installOp(registry, Donate, async (input) => {
    const run = count('billing.donate');
    return { chargeId: `do_${input.invoiceId}_${run}`, run };
  });
  installOp(registry, Lookup, async (input) => {
    const run = count('billing.lookup');
    return { chargeId: `lk_${input.invoiceId}_${run}`, run };
  });
  return h;
}

const INPUT = { invoiceId: 'inv_1', amount: 500 };

function ok(result: ExecuteResult): { output: unknown; replayed: boolean } {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return { output: result.output, replayed: result.replayed };
}

function failed(result: ExecuteResult) {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.output)}`);
  return result.error;
}

class FakeClock implements Clock {
  constructor(public ms = Date.UTC(2025, 0, 1)) {}
  now(): Date {
    return new Date(this.ms);
  }
  advance(seconds: number): void {
    this.ms += seconds * 1000;
  }
}

describe('idempotency step: replay', () => {
  it('replays the first result for the same key and input without running the handler again', async () => {
    const h = harness();
    const first = ok(await h.call(INPUT, 'key-1'));
    expect(first).toEqual({ output: { chargeId: 'ch_inv_1_500_1', run: 1 }, replayed: false });
    for (let i = 0; i < 3; i++) {
      const again = ok(await h.call(INPUT, 'key-1'));
      expect(again).toEqual({ output: first.output, replayed: true });
    }
    expect(h.runs['billing.charge']).toBe(1);
  });

  it('treats the same input with keys in another order as the same input', async () => {
    const h = harness();
    const a = { invoiceId: 'inv_1', amount: 500, meta: { source: 'web', channel: 'card' } };
    const b = { meta: { channel: 'card', source: 'web' }, amount: 500, invoiceId: 'inv_1' };
    const first = ok(await h.call(a, 'k'));
    const second = ok(await h.call(b, 'k'));
    expect(second).toEqual({ output: first.output, replayed: true });
    expect(h.runs['billing.charge']).toBe(1);
  });

  it('answers CONFLICT for the same key with a different input, and keeps the first response', async () => {
    const h = harness();
    const first = ok(await h.call(INPUT, 'k'));
    const error = failed(await h.call({ ...INPUT, amount: 501 }, 'k'));
    expect(error.code).toBe('CONFLICT');
    expect(error.status).toBe(409);
    expect(error.origin).toBe('idempotency');
    expect(error.retryAfterSeconds).toBeUndefined();
    // A nested difference is a different input too.
    const nested = failed(await h.call({ ...INPUT, meta: { source: 'web', channel: 'x' } }, 'k'));
    expect(nested.code).toBe('CONFLICT');
    expect(ok(await h.call(INPUT, 'k'))).toEqual({ output: first.output, replayed: true });
    expect(h.runs['billing.charge']).toBe(1);
  });

  it('runs the handler for every call without a key, and for every distinct key', async () => {
    const h = harness();
    ok(await h.call(INPUT, undefined));
    ok(await h.call(INPUT, undefined));
    ok(await h.call(INPUT, 'a'));
    ok(await h.call(INPUT, 'b'));
    expect(h.runs['billing.charge']).toBe(4);
  });

  it('passes the key to the handler as ctx.call.idempotencyKey', async () => {
    const registry = new SpecRegistry({ tracer: false });
    const seen: Array<string | undefined> = [];
    installOp(registry, Refund, async (_input, ctx) => {
      seen.push(ctx.call.idempotencyKey);
      return { chargeId: 'x', run: 1 };
    });
    const context = { actor: 'user', userId: 'alice' } as const;
    await execute(registry, { name: 'billing.refund', input: INPUT, transport: 'rest', context });
    await execute(registry, {
      name: 'billing.refund',
      input: INPUT,
      transport: 'rest',
      context,
      idempotencyKey: 'abc',
    });
    expect(seen).toEqual([undefined, 'abc']);
  });
});

describe('idempotency step: key checks', () => {
  it('rejects a command that requires a key when none is sent, naming the Idempotency-Key', async () => {
    const h = harness();
    const error = failed(await h.call(INPUT, undefined, { op: 'billing.strictCharge' }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.status).toBe(400);
    expect(error.issues).toEqual([expect.objectContaining({ path: ['idempotencyKey'], code: 'required' })]);
    expect(h.runs['billing.strictCharge']).toBeUndefined();
    ok(await h.call(INPUT, 'present', { op: 'billing.strictCharge' }));
    expect(h.runs['billing.strictCharge']).toBe(1);
  });

  it.each([
    ['empty', ''],
    ['256 characters', 'k'.repeat(256)],
    ['a space', 'my key'],
    ['a tab', 'my\tkey'],
    ['a newline', 'key\n'],
    ['a control character', 'key\u0000'],
    ['DEL', 'key\u007f'],
    ['non-ASCII', 'clé'],
    ['an emoji', 'key-🔑'],
  ])('rejects a key with %s as INVALID_INPUT, without running the handler', async (_label, key) => {
    const h = harness();
    const error = failed(await h.call(INPUT, key));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.issues).toEqual([
      expect.objectContaining({ path: ['idempotencyKey'], code: 'invalid_format' }),
    ]);
    expect(h.runs['billing.charge']).toBeUndefined();
  });

  it.each([
    ['one character', 'k'],
    ['255 characters', 'k'.repeat(255)],
    ['a UUID', '0d9f1f4e-3b7a-4c55-9b1e-2f9a0f4d6c11'],
    ['every visible ASCII punctuation mark', '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'],
  ])('accepts a key with %s', async (_label, key) => {
    const h = harness();
    ok(await h.call(INPUT, key));
    expect(ok(await h.call(INPUT, key)).replayed).toBe(true);
    expect(h.runs['billing.charge']).toBe(1);
  });

  it('checks the input before the key: invalid input with a malformed key reports the input', async () => {
    const h = harness();
    const error = failed(await h.call({ invoiceId: '', amount: -1 }, ''));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.origin).toBe('validation');
  });
});

describe('idempotency step: scope', () => {
  it('scopes keys per operation', async () => {
    const h = harness();
    const charge = ok(await h.call(INPUT, 'shared'));
    const refund = ok(await h.call(INPUT, 'shared', { op: 'billing.refund' }));
    expect(charge.replayed).toBe(false);
    expect(refund).toEqual({ output: { chargeId: 're_inv_1_1', run: 1 }, replayed: false });
    expect(h.runs).toEqual({ 'billing.charge': 1, 'billing.refund': 1 });
  });

  it('scopes keys per caller: alice and bob may use the same key independently', async () => {
    const h = harness();
    const alice = ok(await h.call(INPUT, 'same-key', { user: 'alice' }));
    const bob = ok(await h.call({ ...INPUT, amount: 700 }, 'same-key', { user: 'bob' }));
    expect(alice).toEqual({ output: { chargeId: 'ch_inv_1_500_1', run: 1 }, replayed: false });
    expect(bob).toEqual({ output: { chargeId: 'ch_inv_1_700_2', run: 2 }, replayed: false });
    // Each replays their own response; neither sees the other's.
    expect(ok(await h.call(INPUT, 'same-key', { user: 'alice' }))).toEqual({ ...alice, replayed: true });
    expect(ok(await h.call({ ...INPUT, amount: 700 }, 'same-key', { user: 'bob' }))).toEqual({
      ...bob,
      replayed: true,
    });
    expect(h.runs['billing.charge']).toBe(2);
  });

  it('scopes keys per tenant too', async () => {
    const h = harness();
    ok(await h.call(INPUT, 'k', { user: 'alice', tenant: 't1' }));
    expect(ok(await h.call(INPUT, 'k', { user: 'alice', tenant: 't2' })).replayed).toBe(false);
    expect(ok(await h.call(INPUT, 'k', { user: 'alice' })).replayed).toBe(false);
    expect(h.runs['billing.charge']).toBe(3);
  });

  it('keeps callers apart even when their ids contain the separator', async () => {
    const h = harness();
    ok(await h.call(INPUT, 'k', { tenant: 'a', user: 'b/c' }));
    expect(ok(await h.call(INPUT, 'k', { tenant: 'a/b', user: 'c' })).replayed).toBe(false);
    expect(h.runs['billing.charge']).toBe(2);
  });

  it('keeps a user whose id is "anonymous" apart from anonymous callers', async () => {
    const h = harness();
    ok(await h.call(INPUT, 'k', { op: 'billing.donate', user: null }));
    expect(ok(await h.call(INPUT, 'k', { op: 'billing.donate', user: null })).replayed).toBe(true);
    expect(ok(await h.call(INPUT, 'k', { op: 'billing.donate', user: 'anonymous' })).replayed).toBe(false);
    expect(h.runs['billing.donate']).toBe(2);
  });
});

describe('idempotency step: failures', () => {
  it('stores a declared domain error and replays it as the same error', async () => {
    const h = harness();
    h.behaviour = 'declined';
    const first = failed(await h.call(INPUT, 'k'));
    expect(first.code).toBe('CARD_DECLINED');
    expect(first.status).toBe(402);
    expect(first.data).toEqual({ reason: 'run 1' });
    h.behaviour = 'ok'; // the handler would now succeed, but the stored error is replayed
    const replay = await h.call(INPUT, 'k');
    expect(replay.replayed).toBe(true);
    const again = failed(replay);
    expect(again.code).toBe('CARD_DECLINED');
    expect(again.status).toBe(402);
    expect(again.message).toBe('Declined');
    expect(again.data).toEqual({ reason: 'run 1' });
    expect(again.requestId).toBe(replay.requestId);
    expect(h.runs['billing.charge']).toBe(1);
  });

  // Known bug in execute.ts: a stored domain error's data is already in wire form, and the replay
  // runs it through the data model's `encode` again; a DateTime field (ISO string on the wire)
  // fails that and the replay becomes INTERNAL. Flip to `it` once fixed.
  it('replays a domain error whose data holds a DateTime', async () => {
    const h = harness();
    h.behaviour = 'stamped';
    const first = failed(await h.call(INPUT, 'k'));
    expect(first.code).toBe('STAMPED');
    expect(first.data).toEqual({ at: '1970-01-01T00:00:00.000Z' });
    const again = failed(await h.call(INPUT, 'k'));
    expect(again.code).toBe('STAMPED');
    expect(again.data).toEqual({ at: '1970-01-01T00:00:00.000Z' });
  });

  it('does not store a transient domain error: a retry with the same key runs again', async () => {
    const h = harness();
    h.behaviour = 'busy';
    const first = failed(await h.call(INPUT, 'k'));
    expect(first.code).toBe('BUSY');
    expect(first.status).toBe(409);
    h.behaviour = 'ok';
    const retry = await h.call(INPUT, 'k');
    expect(ok(retry)).toEqual({ output: { chargeId: 'ch_inv_1_500_2', run: 2 }, replayed: false });
    expect(ok(await h.call(INPUT, 'k')).replayed).toBe(true);
    expect(h.runs['billing.charge']).toBe(2);
  });

  it('releases the key after an INTERNAL failure, so a retry runs the handler again', async () => {
    const h = harness();
    h.behaviour = 'internal';
    const first = failed(await h.call(INPUT, 'k'));
    expect(first.code).toBe('INTERNAL');
    expect(first.message).not.toContain('database');
    h.behaviour = 'ok';
    const retry = ok(await h.call(INPUT, 'k'));
    expect(retry).toEqual({ output: { chargeId: 'ch_inv_1_500_2', run: 2 }, replayed: false });
    expect(ok(await h.call(INPUT, 'k'))).toEqual({ ...retry, replayed: true });
    expect(h.runs['billing.charge']).toBe(2);
  });

  it('keeps the key in flight until a timed-out handler has really finished, then releases it', async () => {
    const h = harness();
    h.registry.configure({ handlerTimeoutMs: 5 });
    h.delayMs = 50;
    const first = failed(await h.call(INPUT, 'k'));
    expect(first.code).toBe('UNAVAILABLE');
    h.registry.configure({ handlerTimeoutMs: 30_000 });
    h.delayMs = 0;
    // The first handler is still running: a retry must not start a second one beside it.
    const early = failed(await h.call(INPUT, 'k'));
    expect(early.code).toBe('CONFLICT');
    expect(h.runs['billing.charge']).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(ok(await h.call(INPUT, 'k')).replayed).toBe(false);
    expect(h.runs['billing.charge']).toBe(2);
  });

  it('does not claim the key when the call fails before the idempotency step', async () => {
    const h = harness();
    failed(await h.call({ invoiceId: 'inv_1' }, 'k')); // invalid input
    ok(await h.call(INPUT, 'k')); // same key, other input: no CONFLICT
    expect(h.runs['billing.charge']).toBe(1);
  });
});

describe('idempotency step: queries and audit', () => {
  it('ignores idempotency keys on queries, even malformed ones', async () => {
    const h = harness();
    const a = ok(await h.call(INPUT, 'k', { op: 'billing.lookup' }));
    const b = ok(await h.call(INPUT, 'k', { op: 'billing.lookup' }));
    const c = ok(await h.call({ ...INPUT, amount: 9 }, 'k', { op: 'billing.lookup' }));
    const d = ok(await h.call(INPUT, 'not a valid key', { op: 'billing.lookup' }));
    expect([a, b, c, d].map((r) => r.replayed)).toEqual([false, false, false, false]);
    expect(h.runs['billing.lookup']).toBe(4);
    expect(h.audit.records().every((r) => r.idempotencyKey === undefined)).toBe(true);
  });

  it('marks the success audit record of a replay with replayed: true', async () => {
    const h = harness();
    const first = await h.call(INPUT, 'k');
    const second = await h.call(INPUT, 'k');
    const records = h.audit.records();
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ requestId: first.requestId, outcome: 'success', idempotencyKey: 'k' });
    expect(records[0]?.replayed).toBeUndefined();
    expect(records[1]).toMatchObject({
      requestId: second.requestId,
      outcome: 'success',
      idempotencyKey: 'k',
      replayed: true,
    });
  });

  it('audits a replayed domain error and a key conflict as errors', async () => {
    const h = harness();
    h.behaviour = 'declined';
    await h.call(INPUT, 'k');
    await h.call(INPUT, 'k');
    await h.call({ ...INPUT, amount: 1 }, 'k');
    const records = h.audit.records();
    expect(records.map((r) => [r.outcome, r.errorCode, r.replayed])).toEqual([
      ['error', 'CARD_DECLINED', undefined],
      ['error', 'CARD_DECLINED', true],
      ['error', 'CONFLICT', undefined],
    ]);
  });
});

describe('idempotency step: concurrency', () => {
  it('runs the handler once for 50 parallel calls with one key', async () => {
    const h = harness();
    h.delayMs = 5;
    const results = await Promise.all(Array.from({ length: 50 }, () => h.call(INPUT, 'parallel')));
    expect(h.runs['billing.charge']).toBe(1);
    const fresh = results.filter((r) => r.ok && !r.replayed);
    expect(fresh).toHaveLength(1);
    const output = fresh[0]?.ok ? fresh[0].output : undefined;
    for (const result of results) {
      if (result.ok) {
        expect(result.output).toEqual(output);
      } else {
        expect(result.error.code).toBe('CONFLICT');
        expect(result.error.retryAfterSeconds).toBeGreaterThan(0);
      }
    }
    // Once settled, every retry replays.
    const late = await Promise.all(Array.from({ length: 10 }, () => h.call(INPUT, 'parallel')));
    expect(late.every((r) => r.ok && r.replayed)).toBe(true);
    expect(h.runs['billing.charge']).toBe(1);
  });

  it('never runs the handler twice under any interleaving of 2-4 calls (scheduler)', async () => {
    await fc.assert(
      onlyOnce(() => new MemoryIdempotencyStore()),
      { numRuns: 150 },
    );
  });

  it('the interleaving property catches a store whose begin is not atomic', async () => {
    // Guards the test itself: if the scheduler did not interleave, this would pass too.
    const details = await fc.check(onlyOnce(racyStore), { numRuns: 150, endOnFailure: true });
    expect(details.failed).toBe(true);
  });
});

/** 2-4 concurrent calls with one key: one handler run; every call ends fresh, replayed or CONFLICT. */
function onlyOnce(makeStore: (s: fc.Scheduler) => IdempotencyStore) {
  return fc.asyncProperty(
    fc.scheduler(),
    fc.integer({ min: 2, max: 4 }),
    fc.constantFrom<Behaviour>('ok', 'declined'),
    async (s, n, behaviour) => {
      const store = scheduledStore(s, makeStore(s));
      const h = harness({ idempotency: store, gate: () => s.schedule(Promise.resolve(), 'handler') });
      h.behaviour = behaviour;
      const calls = Array.from({ length: n }, () => h.call(INPUT, 'race'));
      const results = await s.waitFor(Promise.all(calls));
      expect(h.runs['billing.charge']).toBe(1);
      const fresh = results.filter((r) => !r.replayed && !(!r.ok && r.error.code === 'CONFLICT'));
      expect(fresh).toHaveLength(1);
      for (const r of results) {
        if (r.ok) expect(r.output).toEqual({ chargeId: 'ch_inv_1_500_1', run: 1 });
        else if (r.error.code === 'CONFLICT') expect(r.error.retryAfterSeconds).toBeGreaterThan(0);
        else expect(r.error.code).toBe('CARD_DECLINED');
      }
      // After everything settled, a retry replays the one stored response.
      const after = await s.waitFor(h.call(INPUT, 'race'));
      expect(after.replayed).toBe(true);
      expect(h.runs['billing.charge']).toBe(1);
    },
  );
}

/** A deliberately broken store: it reads, yields, then writes (check-then-act). */
function racyStore(s: fc.Scheduler): IdempotencyStore {
  const entries = new Map<string, { fingerprint: string; response?: StoredResponse }>();
  return {
    async begin(claim) {
      const existing = entries.get(claim.key);
      await s.schedule(Promise.resolve(), 'racy-gap');
      if (existing === undefined) {
        entries.set(claim.key, { fingerprint: claim.fingerprint });
        return { state: 'started' };
      }
      if (existing.fingerprint !== claim.fingerprint) return { state: 'mismatch' };
      return existing.response === undefined
        ? { state: 'in-flight', retryAfterSeconds: 1 }
        : { state: 'replay', response: existing.response };
    },
    async complete(claim, response) {
      const entry = entries.get(claim.key);
      if (entry !== undefined) entry.response = response;
    },
    async release(claim) {
      entries.delete(claim.key);
    },
  };
}

/** Delays entry into and exit from each store method through the scheduler. */
function scheduledStore(s: fc.Scheduler, inner: IdempotencyStore): IdempotencyStore {
  const step = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    await s.schedule(Promise.resolve(), `${label}:enter`);
    const result = await work(); // settle first: scheduling an unsettled promise can deadlock the scheduler
    return s.schedule(Promise.resolve(result), `${label}:exit`);
  };
  return {
    begin: (claim: IdempotencyClaim) => step('begin', () => inner.begin(claim)),
    complete: (claim: IdempotencyClaim, response: StoredResponse, tx?: unknown) =>
      step('complete', () => inner.complete(claim, response, tx)),
    release: (claim: IdempotencyClaim) => step('release', () => inner.release(claim)),
  };
}

describe('idempotency step: expiry', () => {
  it('forgets a key after ttlSeconds, so the handler runs again', async () => {
    const clock = new FakeClock();
    const store = new MemoryIdempotencyStore(clock);
    const h = harness({ clock, idempotency: store });
    const first = ok(await h.call(INPUT, 'k', { op: 'billing.strictCharge' }));
    clock.advance(59);
    expect(ok(await h.call(INPUT, 'k', { op: 'billing.strictCharge' }))).toEqual({
      ...first,
      replayed: true,
    });
    clock.advance(1); // 60 s: the declared ttlSeconds
    const fresh = ok(await h.call(INPUT, 'k', { op: 'billing.strictCharge' }));
    expect(fresh).toEqual({ output: { chargeId: 'sc_inv_1_2', run: 2 }, replayed: false });
    expect(h.runs['billing.strictCharge']).toBe(2);
  });

  it('uses a 24 h default when the spec declares no ttl', async () => {
    const clock = new FakeClock();
    const h = harness({ clock, idempotency: new MemoryIdempotencyStore(clock) });
    ok(await h.call(INPUT, 'k'));
    clock.advance(24 * 60 * 60 - 1);
    expect(ok(await h.call(INPUT, 'k')).replayed).toBe(true);
    clock.advance(1);
    expect(ok(await h.call(INPUT, 'k')).replayed).toBe(false);
  });

  it('lets an expired key be reused with another input', async () => {
    const clock = new FakeClock();
    const h = harness({ clock, idempotency: new MemoryIdempotencyStore(clock) });
    ok(await h.call(INPUT, 'k', { op: 'billing.strictCharge' }));
    expect(failed(await h.call({ ...INPUT, amount: 2 }, 'k', { op: 'billing.strictCharge' })).code).toBe(
      'CONFLICT',
    );
    clock.advance(60);
    expect(ok(await h.call({ ...INPUT, amount: 2 }, 'k', { op: 'billing.strictCharge' })).replayed).toBe(
      false,
    );
  });

  it('sweep() removes expired keys only', async () => {
    const clock = new FakeClock();
    const store = new MemoryIdempotencyStore(clock);
    const h = harness({ clock, idempotency: store });
    ok(await h.call(INPUT, 'short', { op: 'billing.strictCharge' })); // 60 s
    ok(await h.call(INPUT, 'long')); // 24 h
    expect(store.size).toBe(2);
    clock.advance(30);
    expect(store.sweep()).toBe(0);
    clock.advance(30);
    expect(store.sweep()).toBe(1);
    expect(store.size).toBe(1);
    expect(ok(await h.call(INPUT, 'long')).replayed).toBe(true);
    clock.advance(24 * 60 * 60);
    expect(store.sweep()).toBe(1);
    expect(store.size).toBe(0);
  });
});
