import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { AuditRecord, Clock, IdempotencyClaim, OutboxEvent, StoredResponse } from '../ports.js';
import { MemoryAuditSink } from './audit.js';
import { MemoryIdempotencyStore } from './idempotency.js';
import { MemoryOutbox } from './outbox.js';
import { MemoryRateLimiter } from './rate-limiter.js';
import { type MemoryTransaction, MemoryUnitOfWork, onCommit } from './unit-of-work.js';

class FakeClock implements Clock {
  constructor(public ms = Date.UTC(2025, 0, 1)) {}
  now(): Date {
    return new Date(this.ms);
  }
  advance(seconds: number): void {
    this.ms += seconds * 1000;
  }
}

function auditRecord(requestId: string): AuditRecord {
  return {
    requestId,
    transport: 'internal',
    operation: { name: 'billing.charge', version: 1, kind: 'command' },
    actor: { type: 'user', userId: 'alice' },
    outcome: 'success',
    startedAt: new Date('2025-01-01T00:00:00.000Z'),
    finishedAt: new Date('2025-01-01T00:00:00.010Z'),
    durationMs: 10,
  };
}

function event(id: string): OutboxEvent {
  return {
    id,
    name: 'billing.charged',
    version: 1,
    payload: { id },
    occurredAt: '2025-01-01T00:00:00.000Z',
    requestId: `req-${id}`,
  };
}

const failure = new Error('rollback');

describe('MemoryUnitOfWork', () => {
  it('applies staged effects on commit, in order, and returns the result', async () => {
    const uow = new MemoryUnitOfWork();
    const applied: string[] = [];
    const result = await uow.run(async (tx) => {
      tx.onCommit(() => applied.push('a'));
      await Promise.resolve();
      tx.onCommit(() => applied.push('b'));
      expect(applied).toEqual([]); // nothing before the commit
      return 42;
    });
    expect(result).toBe(42);
    expect(applied).toEqual(['a', 'b']);
    expect({ committed: uow.committed, rolledBack: uow.rolledBack }).toEqual({ committed: 1, rolledBack: 0 });
  });

  it('drops every staged effect when the work throws, and rethrows the same error', async () => {
    const uow = new MemoryUnitOfWork();
    const applied: string[] = [];
    await expect(
      uow.run(async (tx) => {
        tx.onCommit(() => applied.push('a'));
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(applied).toEqual([]);
    expect({ committed: uow.committed, rolledBack: uow.rolledBack }).toEqual({ committed: 0, rolledBack: 1 });
  });

  it('gives each run its own transaction; concurrent runs commit independently', async () => {
    const uow = new MemoryUnitOfWork();
    const ids: number[] = [];
    const applied: string[] = [];
    const ok = uow.run(async (tx) => {
      ids.push(tx.id);
      tx.onCommit(() => applied.push('ok'));
      await new Promise((resolve) => setTimeout(resolve, 2));
    });
    const bad = uow.run(async (tx) => {
      ids.push(tx.id);
      tx.onCommit(() => applied.push('bad'));
      throw failure;
    });
    await Promise.allSettled([ok, bad]);
    expect(new Set(ids).size).toBe(2);
    expect(applied).toEqual(['ok']);
    expect({ committed: uow.committed, rolledBack: uow.rolledBack }).toEqual({ committed: 1, rolledBack: 1 });
  });

  it('onCommit() stages on a memory transaction and applies at once without one', async () => {
    const applied: string[] = [];
    onCommit(undefined, () => applied.push('no tx'));
    onCommit({ some: 'foreign handle' }, () => applied.push('foreign tx'));
    expect(applied).toEqual(['no tx', 'foreign tx']);
    const uow = new MemoryUnitOfWork();
    await uow.run(async (tx: MemoryTransaction) => {
      onCommit(tx, () => applied.push('memory tx'));
      expect(applied).toHaveLength(2);
    });
    expect(applied).toEqual(['no tx', 'foreign tx', 'memory tx']);
  });
});

describe('MemoryAuditSink', () => {
  it('numbers records with a gap-free seq, oldest first', async () => {
    const sink = new MemoryAuditSink();
    for (const id of ['a', 'b', 'c']) await sink.append(auditRecord(id));
    expect(sink.records().map((r) => [r.seq, r.requestId])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
    ]);
  });

  it('shows a record appended in a transaction only after commit; a rollback leaves no gap', async () => {
    const sink = new MemoryAuditSink();
    const uow = new MemoryUnitOfWork();
    await sink.append(auditRecord('before'));
    await uow.run(async (tx) => {
      await sink.append(auditRecord('in-tx'), tx);
      expect(sink.records().map((r) => r.requestId)).toEqual(['before']);
    });
    await expect(
      uow.run(async (tx) => {
        await sink.append(auditRecord('rolled-back'), tx);
        throw failure;
      }),
    ).rejects.toBe(failure);
    await sink.append(auditRecord('after'));
    expect(sink.records().map((r) => [r.seq, r.requestId])).toEqual([
      [1, 'before'],
      [2, 'in-tx'],
      [3, 'after'],
    ]);
  });

  it('keeps seq gap-free under interleaved transactions (seq follows commit order)', async () => {
    const sink = new MemoryAuditSink();
    const uow = new MemoryUnitOfWork();
    const slow = uow.run(async (tx) => {
      await sink.append(auditRecord('slow'), tx);
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
    const fast = uow.run(async (tx) => sink.append(auditRecord('fast'), tx));
    await sink.append(auditRecord('direct'));
    await Promise.all([slow, fast]);
    const records = sink.records();
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(records.map((r) => r.requestId)).toEqual(['direct', 'fast', 'slow']);
  });

  it('stores frozen copies: neither the caller nor a reader can change the trail', async () => {
    const sink = new MemoryAuditSink();
    const original = auditRecord('a') as AuditRecord & { outcome: string };
    await sink.append(original);
    original.outcome = 'error';
    const [stored] = sink.records();
    expect(stored?.outcome).toBe('success');
    expect(Object.isFrozen(stored)).toBe(true);
    expect(() => {
      (stored as { outcome: string }).outcome = 'denied';
    }).toThrow(TypeError);
    const list = sink.records() as Array<AuditRecord & { seq: number }>;
    list.pop();
    expect(sink.records()).toHaveLength(1);
  });
});

describe('MemoryOutbox', () => {
  it('publishes enqueued events on commit only, in order', async () => {
    const outbox = new MemoryOutbox();
    const uow = new MemoryUnitOfWork();
    const seen: string[] = [];
    outbox.subscribe((e) => void seen.push(e.id));
    await uow.run(async (tx) => {
      await outbox.enqueue([event('1'), event('2')], tx);
      expect(outbox.published()).toEqual([]);
      expect(seen).toEqual([]);
    });
    expect(outbox.published().map((e) => e.id)).toEqual(['1', '2']);
    expect(seen).toEqual(['1', '2']);
  });

  it('never publishes the events of a rolled-back transaction', async () => {
    const outbox = new MemoryOutbox();
    const uow = new MemoryUnitOfWork();
    const listener = vi.fn();
    outbox.subscribe(listener);
    await expect(
      uow.run(async (tx) => {
        await outbox.enqueue([event('x')], tx);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(outbox.published()).toEqual([]);
    expect(listener).not.toHaveBeenCalled();
  });

  it('stops calling a listener after it unsubscribes; others keep receiving', async () => {
    const outbox = new MemoryOutbox();
    const uow = new MemoryUnitOfWork();
    const a: string[] = [];
    const b: string[] = [];
    const offA = outbox.subscribe((e) => void a.push(e.id));
    outbox.subscribe((e) => void b.push(e.id));
    await uow.run(async (tx) => outbox.enqueue([event('1')], tx));
    offA();
    await uow.run(async (tx) => outbox.enqueue([event('2')], tx));
    expect(a).toEqual(['1']);
    expect(b).toEqual(['1', '2']);
  });

  it('does not let a throwing or rejecting listener break other listeners or the commit', async () => {
    const outbox = new MemoryOutbox();
    const uow = new MemoryUnitOfWork();
    const after: string[] = [];
    const seen: string[] = [];
    outbox.subscribe(() => {
      throw new Error('sync listener bug');
    });
    outbox.subscribe(async () => {
      throw new Error('async listener bug');
    });
    outbox.subscribe((e) => void seen.push(e.id));
    await uow.run(async (tx) => {
      await outbox.enqueue([event('1'), event('2')], tx);
      tx.onCommit(() => after.push('later effect'));
    });
    await new Promise((resolve) => setTimeout(resolve, 0)); // an unhandled rejection would surface here
    expect(seen).toEqual(['1', '2']);
    expect(outbox.published().map((e) => e.id)).toEqual(['1', '2']);
    expect(after).toEqual(['later effect']);
    expect(uow.committed).toBe(1);
  });
});

describe('MemoryRateLimiter (GCRA)', () => {
  it('allows a burst of `limit`, then denies with a retry delay, then recovers after one interval', async () => {
    const clock = new FakeClock();
    const limiter = new MemoryRateLimiter(clock);
    // 5 per 10 s: one every 2 s, burst of 5.
    for (let i = 0; i < 5; i++)
      expect(await limiter.consume('k', 5, 10)).toEqual({ allowed: true, retryAfterSeconds: 0 });
    expect(await limiter.consume('k', 5, 10)).toEqual({ allowed: false, retryAfterSeconds: 2 });
    clock.advance(1);
    expect(await limiter.consume('k', 5, 10)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    clock.advance(1);
    expect((await limiter.consume('k', 5, 10)).allowed).toBe(true);
    expect((await limiter.consume('k', 5, 10)).allowed).toBe(false);
    // A full window of quiet restores the whole burst, and no more.
    clock.advance(10);
    for (let i = 0; i < 5; i++) expect((await limiter.consume('k', 5, 10)).allowed).toBe(true);
    expect((await limiter.consume('k', 5, 10)).allowed).toBe(false);
  });

  it('does not count denied calls against the budget', async () => {
    const clock = new FakeClock();
    const limiter = new MemoryRateLimiter(clock);
    await limiter.consume('k', 1, 60);
    for (let i = 0; i < 100; i++) expect((await limiter.consume('k', 1, 60)).allowed).toBe(false);
    clock.advance(60);
    expect((await limiter.consume('k', 1, 60)).allowed).toBe(true);
  });

  it('keeps keys independent', async () => {
    const clock = new FakeClock();
    const limiter = new MemoryRateLimiter(clock);
    for (let i = 0; i < 3; i++) expect((await limiter.consume('alice', 3, 60)).allowed).toBe(true);
    expect((await limiter.consume('alice', 3, 60)).allowed).toBe(false);
    for (let i = 0; i < 3; i++) expect((await limiter.consume('bob', 3, 60)).allowed).toBe(true);
    expect((await limiter.consume('bob', 3, 60)).allowed).toBe(false);
  });

  it('never allows more than limit + elapsed/interval calls (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 3600 }),
        fc.array(fc.integer({ min: 0, max: 5_000 }), { minLength: 1, maxLength: 60 }),
        async (limit, windowSeconds, gapsMs) => {
          const clock = new FakeClock();
          const limiter = new MemoryRateLimiter(clock);
          const start = clock.ms;
          let allowed = 0;
          for (const gap of gapsMs) {
            clock.ms += gap;
            const verdict = await limiter.consume('k', limit, windowSeconds);
            if (verdict.allowed) {
              allowed++;
              expect(verdict.retryAfterSeconds).toBe(0);
            } else {
              expect(verdict.retryAfterSeconds).toBeGreaterThanOrEqual(1);
            }
            const elapsed = clock.ms - start;
            expect(allowed).toBeLessThanOrEqual(
              limit + Math.floor((elapsed * limit) / (windowSeconds * 1000)),
            );
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('allows exactly `limit` calls in a burst for any limit and window (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 86_400 }),
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        async (limit, w, start) => {
          const limiter = new MemoryRateLimiter(new FakeClock(start));
          for (let i = 0; i < limit; i++) expect((await limiter.consume('k', limit, w)).allowed).toBe(true);
          expect((await limiter.consume('k', limit, w)).allowed).toBe(false);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('allows the next call exactly when the advised retry delay has passed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 600 }),
        async (limit, w) => {
          const clock = new FakeClock();
          const limiter = new MemoryRateLimiter(clock);
          for (let i = 0; i < limit; i++) expect((await limiter.consume('k', limit, w)).allowed).toBe(true);
          const denied = await limiter.consume('k', limit, w);
          expect(denied.allowed).toBe(false);
          clock.advance(denied.retryAfterSeconds - 1);
          if (denied.retryAfterSeconds > 1)
            expect((await limiter.consume('k', limit, w)).allowed).toBe(false);
          clock.advance(1);
          expect((await limiter.consume('k', limit, w)).allowed).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('MemoryIdempotencyStore', () => {
  const claim = (over: Partial<IdempotencyClaim> = {}): IdempotencyClaim => ({
    scope: 'billing.charge@1:["t1","alice"]',
    key: 'key-1',
    fingerprint: 'fp-1',
    ttlSeconds: 3600,
    ...over,
  });
  const done: StoredResponse = { ok: true, body: { chargeId: 'ch_1' }, status: 200 };

  it('goes started -> in-flight -> replay for one key and fingerprint', async () => {
    const store = new MemoryIdempotencyStore(new FakeClock());
    expect(await store.begin(claim())).toEqual({ state: 'started' });
    expect(await store.begin(claim())).toEqual({ state: 'in-flight', retryAfterSeconds: 1 });
    await store.complete(claim(), done);
    expect(await store.begin(claim())).toEqual({ state: 'replay', response: done });
    expect(await store.begin(claim())).toEqual({ state: 'replay', response: done });
  });

  it('answers mismatch for another fingerprint, in flight or completed', async () => {
    const store = new MemoryIdempotencyStore(new FakeClock());
    await store.begin(claim());
    expect(await store.begin(claim({ fingerprint: 'fp-2' }))).toEqual({ state: 'mismatch' });
    await store.complete(claim(), done);
    expect(await store.begin(claim({ fingerprint: 'fp-2' }))).toEqual({ state: 'mismatch' });
    expect(await store.begin(claim())).toEqual({ state: 'replay', response: done });
  });

  it('keeps scopes and keys apart', async () => {
    const store = new MemoryIdempotencyStore(new FakeClock());
    await store.begin(claim());
    expect(await store.begin(claim({ key: 'key-2' }))).toEqual({ state: 'started' });
    expect(await store.begin(claim({ scope: 'billing.charge@1:["t1","bob"]' }))).toEqual({
      state: 'started',
    });
    expect(await store.begin(claim({ scope: 'billing.charge@2:["t1","alice"]' }))).toEqual({
      state: 'started',
    });
    expect(store.size).toBe(4);
  });

  it('release() forgets an in-flight key but never a completed one', async () => {
    const store = new MemoryIdempotencyStore(new FakeClock());
    await store.begin(claim());
    await store.release(claim());
    expect(store.size).toBe(0);
    expect(await store.begin(claim({ fingerprint: 'fp-2' }))).toEqual({ state: 'started' });
    await store.complete(claim({ fingerprint: 'fp-2' }), done);
    await store.release(claim({ fingerprint: 'fp-2' }));
    expect(await store.begin(claim({ fingerprint: 'fp-2' }))).toEqual({ state: 'replay', response: done });
  });

  it('stores the response with a transaction only when it commits', async () => {
    const store = new MemoryIdempotencyStore(new FakeClock());
    const uow = new MemoryUnitOfWork();
    await store.begin(claim());
    await expect(
      uow.run(async (tx) => {
        await store.complete(claim(), done, tx);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect((await store.begin(claim())).state).toBe('in-flight');
    await uow.run(async (tx) => {
      await store.complete(claim(), done, tx);
      expect((await store.begin(claim())).state).toBe('in-flight');
    });
    expect(await store.begin(claim())).toEqual({ state: 'replay', response: done });
  });

  it('stores a failure response and replays it', async () => {
    const store = new MemoryIdempotencyStore(new FakeClock());
    const declined: StoredResponse = {
      ok: false,
      body: { code: 'CARD_DECLINED', message: 'no' },
      status: 402,
    };
    await store.begin(claim());
    await store.complete(claim(), declined);
    expect(await store.begin(claim())).toEqual({ state: 'replay', response: declined });
  });

  it('lets a caller take over a key left in flight for 60 s (a crashed call)', async () => {
    const clock = new FakeClock();
    const store = new MemoryIdempotencyStore(clock);
    await store.begin(claim());
    clock.advance(59);
    expect((await store.begin(claim())).state).toBe('in-flight');
    clock.advance(1);
    expect(await store.begin(claim())).toEqual({ state: 'started' });
    expect((await store.begin(claim())).state).toBe('in-flight'); // the new claim holds it now
    expect((await store.begin(claim({ fingerprint: 'fp-2' }))).state).toBe('mismatch');
  });

  it('expires keys after ttlSeconds (completed or not) and sweep() drops them', async () => {
    const clock = new FakeClock();
    const store = new MemoryIdempotencyStore(clock);
    await store.begin(claim({ key: 'short', ttlSeconds: 10 }));
    await store.complete(claim({ key: 'short', ttlSeconds: 10 }), done);
    await store.begin(claim({ key: 'long', ttlSeconds: 100 }));
    await store.complete(claim({ key: 'long', ttlSeconds: 100 }), done);
    clock.advance(9);
    expect(store.sweep()).toBe(0);
    expect((await store.begin(claim({ key: 'short', ttlSeconds: 10 }))).state).toBe('replay');
    clock.advance(1);
    // Expired: a new input may use the key.
    expect(await store.begin(claim({ key: 'short', fingerprint: 'fp-2', ttlSeconds: 10 }))).toEqual({
      state: 'started',
    });
    clock.advance(5);
    expect(store.sweep()).toBe(0);
    clock.advance(5); // 20 s: the renewed 'short' expires; 'long' lives until 100 s
    expect(store.sweep()).toBe(1);
    expect(store.size).toBe(1);
    clock.advance(79);
    expect(store.sweep()).toBe(0);
    clock.advance(1);
    expect(store.sweep()).toBe(1);
    expect(store.size).toBe(0);
    expect(store.sweep()).toBe(0);
  });

  it('hands out replays that callers cannot change for each other', async () => {
    const store = new MemoryIdempotencyStore(new FakeClock());
    const body = { chargeId: 'ch_1', lines: [{ amount: 1 }] };
    await store.begin(claim());
    await store.complete(claim(), { ok: true, body, status: 200 });
    body.chargeId = 'mutated by the first caller';
    const first = await store.begin(claim());
    if (first.state !== 'replay') throw new Error(first.state);
    (first.response.body as typeof body).lines.push({ amount: 2 });
    const second = await store.begin(claim());
    if (second.state !== 'replay') throw new Error(second.state);
    expect(second.response.body).toEqual({ chargeId: 'ch_1', lines: [{ amount: 1 }] });
  });
});
