import { ContractError, type IdempotencyClaim } from '@lssm/lib.contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tablesIn } from '../schema/names.js';
import { DRIVERS, SETUP_TIMEOUT, type TestDatabase } from '../test-drivers.fixture.js';
import { PostgresIdempotencyStore } from './store.js';

let n = 0;
function claim(extra: Partial<IdempotencyClaim> = {}): IdempotencyClaim {
  n++;
  return {
    scope: 'billing.refund@1:["acme","alice"]',
    key: `key-${n}`,
    fingerprint: 'f1',
    ttlSeconds: 3600,
    ...extra,
  };
}
const ok = { ok: true, status: 200, body: { refundId: 're_1', note: 'zero\u0000byte' } };

describe.each(DRIVERS)('idempotency keys on $name', (driverCase) => {
  let db: TestDatabase;
  let store: PostgresIdempotencyStore;
  beforeAll(async () => {
    db = await driverCase.open();
    store = new PostgresIdempotencyStore(db.driver, { schema: db.schema });
  }, SETUP_TIMEOUT);
  afterAll(() => db.close());

  it('start once, then answer in flight, then replay the stored response, and refuse other input', async () => {
    const first = claim();
    expect(await store.begin(first)).toEqual({ state: 'started' });
    expect(await store.begin({ ...first })).toEqual({ state: 'in-flight', retryAfterSeconds: 1 });
    await store.complete(first, ok);
    expect(await store.begin({ ...first })).toEqual({ state: 'replay', response: ok });
    expect(await store.begin({ ...first, fingerprint: 'f2' })).toEqual({ state: 'mismatch' });
    expect(await store.begin({ ...first, scope: 'billing.refund@1:["acme","bob"]' })).toEqual({
      state: 'started',
    });
  });

  it('let exactly one of many concurrent callers (on separate connections) start', async () => {
    const stores = [
      store,
      ...(await Promise.all([db.another(), db.another()])).map(
        (driver) => new PostgresIdempotencyStore(driver, { schema: db.schema }),
      ),
    ];
    const shared = claim();
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => stores[i % stores.length]?.begin({ ...shared })),
    );
    expect(answers.filter((a) => a?.state === 'started')).toHaveLength(1);
    expect(answers.filter((a) => a?.state === 'in-flight')).toHaveLength(29);
  });

  it('forget a released key, but keep a completed one', async () => {
    const c = claim();
    await store.begin(c);
    await store.release(c);
    const again = { ...c };
    expect(await store.begin(again)).toEqual({ state: 'started' });
    await store.complete(again, ok);
    await store.release(again);
    expect((await store.begin({ ...c })).state).toBe('replay');
  });

  it('store the response with the transaction: a rollback leaves the key in flight', async () => {
    const c = claim();
    await store.begin(c);
    await expect(
      db.driver.transaction(async (tx) => {
        await store.complete(c, ok, tx);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect((await store.begin({ ...c })).state).toBe('in-flight');
    await db.driver.transaction((tx) => store.complete(c, ok, tx));
    expect((await store.begin({ ...c })).state).toBe('replay');
  });

  it('claim an expired key afresh, and sweep expired keys away', async () => {
    const c = claim({ ttlSeconds: 0 });
    await store.begin(c);
    await store.complete(c, ok);
    expect(await store.begin({ ...c, fingerprint: 'other input, long after' })).toEqual({ state: 'started' });
    const t = tablesIn(db.schema);
    const expired = claim({ ttlSeconds: 0 });
    await store.begin(expired);
    expect(await store.sweepExpired(1)).toBeGreaterThanOrEqual(2);
    const left = await db.driver.query<{ n: number }>(
      `SELECT count(*)::integer AS n FROM ${t.idempotency} WHERE expires_at <= now()`,
    );
    expect(left.rows[0]?.n).toBe(0);
  });

  it('take over a key whose process died; the late first attempt can then not commit', async () => {
    const impatient = new PostgresIdempotencyStore(db.driver, { schema: db.schema, lockTimeoutSeconds: 0 });
    const first = claim();
    expect(await impatient.begin(first)).toEqual({ state: 'started' });
    await impatient.setRecoveryPoint(first, 'payment-requested');
    const second = { ...first };
    expect(await impatient.begin(second)).toEqual({ state: 'started' });
    expect(await impatient.recoveryPoint(second)).toBe('payment-requested');
    const late = await db.driver
      .transaction((tx) => impatient.complete(first, ok, tx))
      .catch((error: unknown) => error);
    expect(ContractError.is(late) && late.code).toBe('UNAVAILABLE');
    await impatient.release(first);
    await impatient.complete(second, { ok: false, status: 409, body: { code: 'ALREADY_PAID' } });
    expect(await impatient.begin({ ...first })).toEqual({
      state: 'replay',
      response: { ok: false, status: 409, body: { code: 'ALREADY_PAID' } },
    });
  });
});
