import type { AuditRecord } from '@lssm/lib.contracts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tablesIn } from '../schema/names.js';
import { DRIVERS, SETUP_TIMEOUT, type TestDatabase } from '../test-drivers.fixture.js';
import { auditBody, normalizedRecord } from './encode.js';
import { PostgresAuditSink } from './sink.js';
import { chainHash, readAuditLog, verifyAuditChain } from './verify.js';

function record(requestId: string, extra: Partial<AuditRecord> = {}): AuditRecord {
  return {
    requestId,
    transport: 'rest',
    operation: { name: 'billing.capturePayment', version: 1, kind: 'command' },
    actor: { type: 'user', userId: 'alice', tenantId: 'acme' },
    decision: { allowed: true, rule: 'invoice:pay:owner', reason: 'owner' },
    outcome: 'success',
    startedAt: new Date('2025-01-01T00:00:00.000Z'),
    finishedAt: new Date('2025-01-01T00:00:00.012Z'),
    durationMs: 12,
    ...extra,
  };
}

describe.each(DRIVERS)('audit trail on $name', (driverCase) => {
  let db: TestDatabase;
  let sink: PostgresAuditSink;
  let scratch: TestDatabase;
  const verify = (schema = db.schema) => verifyAuditChain(db.driver, { schema });
  beforeAll(async () => {
    db = await driverCase.open();
    scratch = await driverCase.open();
    sink = new PostgresAuditSink(db.driver, { schema: db.schema });
  }, SETUP_TIMEOUT);
  afterAll(async () => {
    await scratch.close();
    await db.close();
  });

  it('store every field and read it back unchanged, with seq 1, 2, 3 and a hash chain', async () => {
    const full = record('req-full', {
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      errorCode: 'CARD_DECLINED',
      outcome: 'error',
      input: { invoiceId: 'inv_1', paymentMethodId: '[redacted]', note: 'zero\u0000byte é 🎉', n: [1, 2.5] },
      inputDigest: 'a'.repeat(64),
      idempotencyKey: 'key-1',
      replayed: true,
      events: ['billing.paymentCaptured'],
    });
    const minimal: AuditRecord = {
      requestId: 'req-min',
      transport: 'internal',
      operation: { name: 'nope.unknown', version: 0 },
      actor: { type: 'unknown' },
      outcome: 'error',
      errorCode: 'NOT_FOUND',
      startedAt: new Date('2025-01-01T00:00:01.000Z'),
      finishedAt: new Date('2025-01-01T00:00:01.000Z'),
      durationMs: 0,
    };
    const denied = record('req-denied', {
      outcome: 'denied',
      errorCode: 'FORBIDDEN',
      decision: { allowed: false, reason: 'no identity' },
      events: [],
      replayed: false,
    });
    for (const r of [full, minimal, denied]) await sink.append(r);
    const stored = await readAuditLog(db.driver, { schema: db.schema });
    expect(stored.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(stored.map(({ seq, prevHash, hash, ...rest }) => rest)).toEqual(
      [full, minimal, denied].map(normalizedRecord),
    );
    expect(stored[1]?.prevHash).toBe(stored[0]?.hash);
    expect(await verify()).toEqual({ ok: true, count: 3, headSeq: 3, headHash: stored[2]?.hash });
  });

  it('append in the caller’s transaction: a rollback leaves no record and no gap', async () => {
    const before = await verify();
    await expect(
      db.driver.transaction(async (tx) => {
        await sink.append(record('req-rolled-back'), tx);
        throw new Error('handler failed after the audit');
      }),
    ).rejects.toThrow('handler failed');
    await db.driver.transaction((tx) => sink.append(record('req-committed'), tx));
    const after = await verify();
    expect(after.ok && before.ok && after.count - before.count).toBe(1);
    const last = (await readAuditLog(db.driver, { schema: db.schema, afterSeq: after.count - 1 }))[0];
    expect(last?.requestId).toBe('req-committed');
  });

  it('stay gap-free and in chain order under concurrent writers on separate connections', async () => {
    const writers = [db.driver, await db.another(), await db.another()];
    const before = await verify();
    await Promise.all(
      Array.from({ length: 60 }, (_, i) => {
        const driver = writers[i % writers.length];
        if (driver === undefined) throw new Error('no writer');
        const auditor = new PostgresAuditSink(driver, { schema: db.schema });
        return i % 2 === 0
          ? auditor.append(record(`req-c${i}`))
          : driver.transaction(async (tx) => {
              await tx.query('SELECT pg_sleep(0.002)');
              await auditor.append(record(`req-c${i}`), tx);
            });
      }),
    );
    const after = await verify();
    expect(after.ok).toBe(true);
    expect(after.count - (before.ok ? before.count : 0)).toBe(60);
  });

  it('keep any JSON input exactly, so the chain still verifies (property)', async () => {
    const schema = scratch.schema;
    const propertySink = new PostgresAuditSink(scratch.driver, { schema });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.string(), async (input, note) => {
        n++;
        const r = record(`req-p${n}`, { input, traceId: note });
        await propertySink.append(r);
        const [stored] = await readAuditLog(scratch.driver, { schema, afterSeq: n - 1, limit: 1 });
        expect(stored?.input).toEqual(normalizedRecord(r).input);
      }),
      { numRuns: 40 },
    );
    expect((await verifyAuditChain(scratch.driver, { schema })).ok).toBe(true);
  });

  describe('verify reports the first broken record', () => {
    /** A fresh trail of three records, and a way to change it as an attacker with the owner's rights would. */
    async function trail(): Promise<{
      fresh: TestDatabase;
      tamper: (sql: (log: string) => string) => Promise<void>;
    }> {
      const fresh = await driverCase.open();
      const auditor = new PostgresAuditSink(fresh.driver, { schema: fresh.schema });
      for (const id of ['a', 'b', 'c']) await auditor.append(record(id, { input: { id } }));
      const log = tablesIn(fresh.schema).auditLog;
      const tamper = (sql: (log: string) => string) =>
        fresh.driver.transaction(async (tx) => {
          await tx.query(`ALTER TABLE ${log} DISABLE TRIGGER USER`);
          await tx.query(sql(log));
          await tx.query(`ALTER TABLE ${log} ENABLE TRIGGER USER`);
        });
      return { fresh, tamper };
    }
    const check = (fresh: TestDatabase) => verifyAuditChain(fresh.driver, { schema: fresh.schema });

    it('an altered field, and the same trail once restored', async () => {
      const { fresh, tamper } = await trail();
      try {
        await tamper((log) => `UPDATE ${log} SET actor_id = 'mallory' WHERE seq = 2`);
        expect(await check(fresh)).toEqual({
          ok: false,
          count: 1,
          brokenAt: 2,
          reason: 'record 2 was altered',
        });
        await tamper((log) => `UPDATE ${log} SET actor_id = 'alice' WHERE seq = 2`);
        expect((await check(fresh)).ok).toBe(true);
      } finally {
        await fresh.close();
      }
    });

    it('an altered input', async () => {
      const { fresh, tamper } = await trail();
      try {
        await tamper((log) => `UPDATE ${log} SET input = '{"id":"z"}' WHERE seq = 1`);
        expect(await check(fresh)).toMatchObject({ ok: false, brokenAt: 1, reason: 'record 1 was altered' });
      } finally {
        await fresh.close();
      }
    });

    it('a record deleted in the middle', async () => {
      const { fresh, tamper } = await trail();
      try {
        await tamper((log) => `DELETE FROM ${log} WHERE seq = 2`);
        expect(await check(fresh)).toEqual({
          ok: false,
          count: 1,
          brokenAt: 2,
          reason: 'record 2 is missing',
        });
      } finally {
        await fresh.close();
      }
    });

    it('an altered record whose hash was recomputed (the next record no longer follows it)', async () => {
      const { fresh, tamper } = await trail();
      try {
        const [, second] = await readAuditLog(fresh.driver, { schema: fresh.schema });
        if (second === undefined) throw new Error('no record 2');
        const forged = { ...second, actor: { ...second.actor, userId: 'mallory' } };
        const hash = chainHash(second.prevHash, 2, auditBody(forged));
        await tamper((log) => `UPDATE ${log} SET actor_id = 'mallory', hash = '${hash}' WHERE seq = 2`);
        expect(await check(fresh)).toMatchObject({
          ok: false,
          brokenAt: 3,
          reason: 'record 3 does not follow record 2',
        });
      } finally {
        await fresh.close();
      }
    });

    it('a record cut off the end (the head remembers it), and a head moved back to hide it', async () => {
      const { fresh, tamper } = await trail();
      try {
        await tamper((log) => `DELETE FROM ${log} WHERE seq = 3`);
        expect(await check(fresh)).toEqual({
          ok: false,
          count: 2,
          brokenAt: 3,
          reason: 'record 3 is missing',
        });
        await fresh.driver.query(`UPDATE ${tablesIn(fresh.schema).auditHead} SET seq = 2`);
        expect(await check(fresh)).toMatchObject({
          ok: false,
          brokenAt: 2,
          reason: 'the chain head does not match the last record',
        });
      } finally {
        await fresh.close();
      }
    });
  });
});
