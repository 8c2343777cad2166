import { describe, expect, it } from 'vitest';
import * as entry from './index.js';

describe('public entry @lssm/lib.postgres', () => {
  it('exports exactly this list of runtime symbols', () => {
    expect(Object.keys(entry).sort()).toEqual([
      'DEFAULT_SCHEMA',
      'GENESIS_HASH',
      'MIGRATIONS',
      'OutboxRelay',
      'PostgresAuditSink',
      'PostgresIdempotencyStore',
      'PostgresOutbox',
      'PostgresUnitOfWork',
      'RedisRateLimiter',
      'appRoleGrants',
      'auditBody',
      'chainHash',
      'claimInboxEvent',
      'createPostgresRuntime',
      'driverFromEnv',
      'ensureEventStream',
      'eventSubject',
      'grantAppRole',
      'isSqlTransaction',
      'jetStreamSink',
      'migrate',
      'normalizedRecord',
      'pgDriver',
      'pgliteDriver',
      'readAuditLog',
      'recordFromRow',
      'sinkOf',
      'tablesIn',
      'unavailableIfLost',
      'verifyAuditChain',
    ]);
  });

  it('numbers the migrations 1..n with no gap, and names every table in one schema', () => {
    expect(entry.MIGRATIONS.map((m) => m.version)).toEqual(entry.MIGRATIONS.map((_, i) => i + 1));
    const t = entry.tablesIn('app_1');
    expect(Object.values(t).every((name) => name.startsWith('"app_1"'))).toBe(true);
  });

  it('chooses pg when DATABASE_URL is set, PGlite otherwise', async () => {
    const pg = await entry.driverFromEnv({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(pg.kind).toBe('pg');
    await pg.close();
  });
});
