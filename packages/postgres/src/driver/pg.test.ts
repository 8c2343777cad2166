import { ContractError } from '@lssm/lib.contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { PG_URL, pgAvailable } from '../test-drivers.fixture.js';
import { pgDriver, unavailableIfLost } from './pg.js';

describe('unavailableIfLost', () => {
  it('calls a refused, reset or terminated connection UNAVAILABLE and keeps the original as cause', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    for (const lost of [
      refused,
      new Error('Connection terminated unexpectedly'),
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    ]) {
      const mapped = unavailableIfLost(lost);
      expect(ContractError.is(mapped) && mapped.code).toBe('UNAVAILABLE');
      expect((mapped as ContractError).message).not.toContain('127.0.0.1');
      expect((mapped as ContractError).cause).toBe(lost);
    }
  });

  it('leaves every other error as it is', () => {
    const duplicate = Object.assign(new Error('duplicate key'), { code: '23505' });
    expect(unavailableIfLost(duplicate)).toBe(duplicate);
    expect(unavailableIfLost('text')).toBe('text');
  });
});

describe.skipIf(!pgAvailable)('a connection lost inside a transaction (PostgreSQL server)', () => {
  const driver = pgDriver({ connectionString: PG_URL, pool: { max: 2 } });
  const admin = pgDriver({ connectionString: PG_URL, pool: { max: 1 } });
  afterAll(async () => {
    await driver.close();
    await admin.close();
  });

  it('fails the next statement UNAVAILABLE instead of an unhandled error event ending the process', async () => {
    const failed = await driver
      .transaction(async (tx) => {
        const [row] = (await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
        await admin.query('SELECT pg_terminate_backend($1)', [row?.pid]);
        // The client is idle and lent out when its connection goes: the pool does not listen to it.
        await new Promise((resolve) => setTimeout(resolve, 200));
        return tx.query('SELECT 1');
      })
      .catch((error: unknown) => error);
    expect(ContractError.is(failed) && failed.code).toBe('UNAVAILABLE');
    expect((await driver.query('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
  });
});
