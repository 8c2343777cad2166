// Test drivers for the store suites: PGlite always, PostgreSQL at 127.0.0.1:5432 when it answers.
// Each suite gets its own schema (random suffix) and drops it afterwards, so suites and other
// people's tests can share one server. PGlite instances start from a cached initdb image.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { pgDriver } from './driver/pg.js';
import { pgliteDriver } from './driver/pglite.js';
import type { Driver } from './driver/types.js';
import { migrate } from './schema/migrate.js';

export const PG_URL = process.env.LSSM_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function pgAnswers(): Promise<boolean> {
  const client = new Client({ connectionString: PG_URL, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Whether PostgreSQL answers at {@link PG_URL}; checked once per test file. */
export const pgAvailable = await pgAnswers();
if (!pgAvailable)
  console.warn(`[skipped] PostgreSQL is not answering at ${PG_URL}: the 'pg' driver cases are skipped`);

const TEMPLATE = join(tmpdir(), 'lssm-pglite-0.5-template.tar');

/**
 * A new PGlite database (in memory, or in `dataDir`) started from a cached image of a fresh
 * cluster, which is seconds faster than running initdb again; the first call makes the image.
 */
export async function newPglite(dataDir?: string): Promise<PGlite> {
  if (existsSync(TEMPLATE)) {
    try {
      return await PGlite.create({ dataDir, loadDataDir: new Blob([readFileSync(TEMPLATE)]) });
    } catch {
      // A damaged image: make a fresh database below.
    }
  }
  const db = await PGlite.create({ dataDir });
  const image = await db.dumpDataDir('none');
  const partial = `${TEMPLATE}.${process.pid}.tmp`;
  writeFileSync(partial, new Uint8Array(await image.arrayBuffer()));
  renameSync(partial, TEMPLATE);
  return db;
}

let sharedPglite: Promise<PGlite> | undefined;

/** A PGlite driver on this file's shared in-memory database (started from the cached image). */
export async function testPgliteDriver(): Promise<Driver> {
  sharedPglite ??= newPglite();
  return pgliteDriver({ existing: await sharedPglite });
}

/** A random lower-case schema name. */
export function randomSchema(prefix = 't'): string {
  return `${prefix}_${Math.random().toString(36).slice(2, 10)}`;
}

/** A driver with its own migrated schema. */
export interface TestDatabase {
  readonly driver: Driver;
  readonly schema: string;
  /** Opens another driver on the same database (for the server: another pool, like another process). */
  readonly another: () => Promise<Driver>;
  /** Drops the schema and closes what was opened. */
  readonly close: () => Promise<void>;
}

/** One driver to run a suite on. */
export interface DriverCase {
  readonly name: 'pglite' | 'pg';
  readonly open: (options?: { readonly migrate?: boolean }) => Promise<TestDatabase>;
}

async function finish(driver: Driver, schema: string, others: Driver[], own: boolean): Promise<void> {
  for (const other of others) await other.close();
  await driver.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  if (own) await driver.close();
}

const pgliteCase: DriverCase = {
  name: 'pglite',
  async open(options = {}) {
    const driver = await testPgliteDriver();
    const schema = randomSchema();
    if (options.migrate !== false) await migrate(driver, { schema });
    return { driver, schema, another: async () => driver, close: () => finish(driver, schema, [], false) };
  },
};

const pgCase: DriverCase = {
  name: 'pg',
  async open(options = {}) {
    const driver = pgDriver({ connectionString: PG_URL, pool: { max: 5 } });
    const others: Driver[] = [];
    const schema = randomSchema();
    if (options.migrate !== false) await migrate(driver, { schema });
    return {
      driver,
      schema,
      another: async () => {
        const other = pgDriver({ connectionString: PG_URL, pool: { max: 4 } });
        others.push(other);
        return other;
      },
      close: () => finish(driver, schema, others, true),
    };
  },
};

/** The drivers to run store suites on: PGlite, and `pg` when the server answers. */
export const DRIVERS: readonly DriverCase[] = pgAvailable ? [pgliteCase, pgCase] : [pgliteCase];

/** For `beforeAll`: PGlite takes seconds to start, more on a busy machine. */
export const SETUP_TIMEOUT = 60_000;
