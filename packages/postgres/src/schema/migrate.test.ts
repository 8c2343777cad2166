import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresAuditSink } from '../audit/sink.js';
import { pgDriver } from '../driver/pg.js';
import {
  DRIVERS,
  PG_URL,
  pgAvailable,
  randomSchema,
  SETUP_TIMEOUT,
  type TestDatabase,
} from '../test-drivers.fixture.js';
import { appRoleGrants, grantAppRole } from './grants.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations.js';
import { tablesIn } from './names.js';

const record = {
  requestId: 'req-1',
  transport: 'internal' as const,
  operation: { name: 'demo.op', version: 1 },
  actor: { type: 'user', userId: 'alice' },
  outcome: 'success' as const,
  startedAt: new Date('2025-01-01T00:00:00.000Z'),
  finishedAt: new Date('2025-01-01T00:00:00.005Z'),
  durationMs: 5,
};

function sqlState(error: unknown): string | undefined {
  return (error as { code?: string }).code;
}

describe.each(DRIVERS)('migrations on $name', (driverCase) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await driverCase.open({ migrate: false });
  }, SETUP_TIMEOUT);
  afterAll(() => db.close());

  it('apply every migration once, even when several processes start together', async () => {
    const drivers = [db.driver, await db.another(), await db.another(), await db.another()];
    const reports = await Promise.all(drivers.map((driver) => migrate(driver, { schema: db.schema })));
    const applied = reports.flatMap((r) => r.applied).sort();
    expect(applied).toEqual(MIGRATIONS.map((m) => m.version));
    const rows = await db.driver.query<{ version: number }>(
      `SELECT version FROM ${tablesIn(db.schema).migrations} ORDER BY version`,
    );
    expect(rows.rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(await migrate(db.driver, { schema: db.schema })).toEqual({
      applied: [],
      current: MIGRATIONS.length,
    });
  });

  it('refuse to run when an applied migration was edited', async () => {
    const t = tablesIn(db.schema);
    await db.driver.query(`UPDATE ${t.migrations} SET checksum = 'edited' WHERE version = 2`);
    await expect(migrate(db.driver, { schema: db.schema })).rejects.toThrow(/migration 2 .* changed/);
  });

  it('make the audit trail append-only: UPDATE, DELETE and TRUNCATE are refused, even for the owner', async () => {
    const t = tablesIn(db.schema);
    await new PostgresAuditSink(db.driver, { schema: db.schema }).append(record);
    for (const statement of [
      `UPDATE ${t.auditLog} SET outcome = 'error'`,
      `DELETE FROM ${t.auditLog}`,
      `TRUNCATE ${t.auditLog}`,
      `DELETE FROM ${t.auditHead}`,
    ]) {
      const refused = await db.driver.query(statement).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(sqlState(refused), statement).toBe('42501');
    }
    const count = await db.driver.query<{ n: number }>(`SELECT count(*)::integer AS n FROM ${t.auditLog}`);
    expect(count.rows[0]?.n).toBe(1);
  });

  it('reject schema names that are not plain identifiers', () => {
    expect(() => tablesIn('x"; DROP TABLE y; --')).toThrow(TypeError);
    expect(() => appRoleGrants('Robert"); --')).toThrow(TypeError);
  });
});

describe.skipIf(!pgAvailable)('grants for the app role (PostgreSQL server)', () => {
  const schema = randomSchema();
  const role = randomSchema('app');
  const owner = pgDriver({ connectionString: PG_URL, pool: { max: 2 } });
  afterAll(async () => {
    await owner.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE; DROP ROLE IF EXISTS "${role}"`);
    await owner.close();
  });

  it('let the app append to the audit trail but not change or delete it', async () => {
    await migrate(owner, { schema });
    await owner.exec(`CREATE ROLE "${role}" NOLOGIN`);
    await grantAppRole(owner, role, { schema });
    const t = tablesIn(schema);
    const attempts: Record<string, string | undefined> = {};
    for (const [label, statement] of [
      ['append', 'APPEND'],
      ['update', `UPDATE ${t.auditLog} SET outcome = 'error'`],
      ['delete', `DELETE FROM ${t.auditLog}`],
      ['truncate', `TRUNCATE ${t.auditLog}`],
      ['disable trigger', `ALTER TABLE ${t.auditLog} DISABLE TRIGGER USER`],
    ] as const) {
      attempts[label] = await owner
        .transaction(async (tx) => {
          await tx.query(`SET LOCAL ROLE "${role}"`);
          if (statement === 'APPEND') await new PostgresAuditSink(owner, { schema }).append(record, tx);
          else await tx.query(statement);
          return 'allowed';
        })
        .catch((error: unknown) => sqlState(error));
    }
    expect(attempts).toEqual({
      append: 'allowed',
      update: '42501',
      delete: '42501',
      truncate: '42501',
      'disable trigger': '42501',
    });
  });
});
