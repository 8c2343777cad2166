// Opens the app's database: PGlite in a directory by default, PostgreSQL when DATABASE_URL is set.
// One native client per process; `Driver` (for the framework's durable ports) and Drizzle (for the
// app's own queries) share it, so the app's writes and the audit record can share a transaction.
import { PGlite } from '@electric-sql/pglite';
import {
  type Driver,
  pgDriver,
  pgliteDriver,
  type SqlTransaction,
  unavailableIfLost,
} from '@lssm/lib.postgres';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { Pool } from 'pg';
import { schema } from './schema.js';

/** Drizzle over the billing tables, on either driver. */
export type BillingDb = PgDatabase<PgQueryResultHKT, typeof schema>;

/** The open database. */
export interface Database {
  readonly kind: 'pglite' | 'pg';
  /** Where it lives, for humans: a directory or the server's host. */
  readonly location: string;
  /** For the framework's ports (unit of work, audit trail, idempotency keys, outbox). */
  readonly driver: Driver;
  /** Drizzle outside any transaction (each statement on its own). */
  readonly db: BillingDb;
  /** Drizzle inside one of the driver's transactions. */
  orm(tx: SqlTransaction): BillingDb;
  /** Applies the Drizzle migrations in `migrationsFolder` that are not applied yet. */
  migrate(migrationsFolder: string): Promise<void>;
  close(): Promise<void>;
}

/** Where to open the database: a PostgreSQL URL, or a PGlite directory. */
export type DatabaseTarget = { readonly url: string } | { readonly dataDir: string };

/**
 * `client` whose failed queries call a lost database UNAVAILABLE (503, "try again later"), as the
 * driver's own do; otherwise Drizzle's statements would end as INTERNAL (500) while it is down.
 */
function answeringUnavailable<T extends object>(client: T): T {
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (property !== 'query') return value.bind(target);
      return (...args: unknown[]) => {
        const result: unknown = value.apply(target, args);
        return result instanceof Promise
          ? result.catch((error: unknown) => {
              throw unavailableIfLost(error);
            })
          : result;
      };
    },
  });
}

function openPg(url: string): Database {
  const pool = new Pool({ connectionString: url, max: 10 });
  pool.on('error', () => undefined);
  const db = drizzlePg({ client: answeringUnavailable(pool), schema });
  return {
    kind: 'pg',
    location: new URL(url).host,
    driver: pgDriver({ existing: pool }),
    db,
    orm: (tx) => {
      if (tx.kind !== 'pg') throw new TypeError('a PGlite transaction on a pg database');
      return drizzlePg({ client: answeringUnavailable(tx.native), schema });
    },
    async migrate(migrationsFolder) {
      // Several servers may start at once: one migrates, under a session-level advisory lock.
      const client = await pool.connect();
      try {
        await client.query("SELECT pg_advisory_lock(hashtext('lssm-billing-migrations'))");
        await migratePg(drizzlePg({ client, schema }), { migrationsFolder });
      } finally {
        await client
          .query("SELECT pg_advisory_unlock(hashtext('lssm-billing-migrations'))")
          .catch(() => undefined);
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  const client = await PGlite.create(dataDir);
  const db = drizzlePglite({ client, schema });
  return {
    kind: 'pglite',
    location: dataDir,
    driver: await pgliteDriver({ existing: client }),
    db,
    orm: (tx) => {
      if (tx.kind !== 'pglite') throw new TypeError('a pg transaction on a PGlite database');
      // Drizzle's PGlite session runs queries through `query`, which a PGlite transaction has too
      // (its session is typed for the whole client only).
      return drizzlePglite({ client: tx.native as unknown as PGlite, schema });
    },
    migrate: (migrationsFolder) => migratePglite(db, { migrationsFolder }),
    close: () => client.close(),
  };
}

/** Opens PostgreSQL at `url`, or PGlite in `dataDir`. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return 'url' in target ? openPg(target.url) : openPglite(target.dataDir);
}
