import { createHash } from 'node:crypto';
import type { Driver, SqlExecutor } from '../driver/types.js';
import { MIGRATIONS, type Migration } from './migrations.js';
import { DEFAULT_SCHEMA, type Tables, tablesIn } from './names.js';

/** Options of {@link migrate}. */
export interface MigrateOptions {
  /** The PostgreSQL schema to create the tables in (default `lssm`). */
  readonly schema?: string;
}

/** What {@link migrate} did. */
export interface MigrationReport {
  /** The versions applied by this call (empty when the schema was up to date). */
  readonly applied: readonly number[];
  /** The newest version now in the database. */
  readonly current: number;
}

function checksum(migration: Migration): string {
  // Over the SQL for the default schema: the same migration has one checksum whatever the schema.
  return createHash('sha256')
    .update(migration.sql(tablesIn(DEFAULT_SCHEMA)))
    .digest('hex');
}

async function appliedVersions(db: SqlExecutor, t: Tables): Promise<Map<number, string>> {
  const exists = await db.query<{ found: boolean }>('SELECT to_regclass($1) IS NOT NULL AS found', [
    t.migrations,
  ]);
  if (exists.rows[0]?.found !== true) return new Map();
  const rows = await db.query<{ version: number; checksum: string }>(
    `SELECT version, checksum FROM ${t.migrations}`,
  );
  return new Map(rows.rows.map((r) => [Number(r.version), r.checksum]));
}

function checkUnchanged(migration: Migration, stored: string | undefined): boolean {
  if (stored === undefined) return false;
  if (stored !== checksum(migration))
    throw new Error(`migration ${migration.version} (${migration.name}) changed after it was applied`);
  return true;
}

/** SQLSTATEs of "it exists already": unique_violation, duplicate_schema, duplicate_table, duplicate_object. */
const ALREADY_EXISTS = new Set(['23505', '42P06', '42P07', '42710']);

/**
 * Runs one migration step, again (up to twice more) when it failed because what it creates exists
 * already. A server that waited for the lock while another created the schema can still miss the
 * schema in that same transaction (seen on PostgreSQL 15: its `CREATE SCHEMA IF NOT EXISTS` then
 * fails with a unique violation on pg_namespace, most likely a catalog cache of the waiting
 * session that is refreshed at transaction start, not when an advisory lock is granted); in a new
 * transaction it sees the schema and the steps already applied.
 */
async function retriedIfCreatedMeanwhile<T>(step: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      if (attempt >= 3 || typeof code !== 'string' || !ALREADY_EXISTS.has(code)) throw error;
    }
  }
}

/**
 * Brings the schema up to date: each migration runs once, in its own transaction, under an advisory
 * lock on the schema, so processes starting together neither race nor apply a step twice. Safe to
 * call at every start-up (one query when nothing is to do).
 * @example await migrate(driver, { schema: 'lssm' });
 */
export async function migrate(driver: Driver, options: MigrateOptions = {}): Promise<MigrationReport> {
  const schema = options.schema ?? DEFAULT_SCHEMA;
  const t = tablesIn(schema);
  const newest = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
  const known = await appliedVersions(driver, t);
  if (MIGRATIONS.every((m) => checkUnchanged(m, known.get(m.version))))
    return { applied: [], current: newest };

  const applied: number[] = [];
  for (const migration of MIGRATIONS) {
    const ran = await retriedIfCreatedMeanwhile(() =>
      driver.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`lssm.migrate:${schema}`]);
        await tx.exec(`CREATE SCHEMA IF NOT EXISTS ${t.schema};
CREATE TABLE IF NOT EXISTS ${t.migrations} (
  version    integer PRIMARY KEY,
  name       text NOT NULL,
  checksum   text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
);`);
        const found = await tx.query<{ checksum: string }>(
          `SELECT checksum FROM ${t.migrations} WHERE version = $1`,
          [migration.version],
        );
        if (checkUnchanged(migration, found.rows[0]?.checksum)) return false;
        await tx.exec(migration.sql(t));
        await tx.query(`INSERT INTO ${t.migrations} (version, name, checksum) VALUES ($1, $2, $3)`, [
          migration.version,
          migration.name,
          checksum(migration),
        ]);
        return true;
      }),
    );
    if (ran) applied.push(migration.version);
  }
  return { applied, current: newest };
}
