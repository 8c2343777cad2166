import { ContractError } from '@lssm/lib.contracts';
import { Pool, type PoolClient, type PoolConfig } from 'pg';
import { transactionClosed } from './closed.js';
import type { Driver, PgTransaction, SqlResult } from './types.js';

/** Options of {@link pgDriver}: a connection string, `pg` pool settings, or a pool of your own. */
export interface PgDriverOptions {
  /** `postgres://user@host:5432/db`; usually `process.env.DATABASE_URL`. */
  readonly connectionString?: string;
  /** Further `pg.Pool` settings (`max`, timeouts, TLS...). */
  readonly pool?: PoolConfig;
  /** An existing pool; {@link Driver.close} then leaves it open. */
  readonly existing?: Pool;
  /** Told about errors of idle pooled connections (for example a server restart); ignored by default. */
  readonly onIdleError?: (error: Error) => void;
}

type Row = Record<string, unknown>;

async function run<R>(client: Pool | PoolClient, text: string, params?: readonly unknown[]) {
  // `pg` types parameters as a mutable any[]; it only reads them.
  const result = await client.query<Row>(text, params as unknown[] | undefined);
  // Rows are whatever the statement selects; callers name their shape.
  return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 } satisfies SqlResult<R>;
}

class PgTx implements PgTransaction {
  readonly kind = 'pg' as const;
  #open = true;
  constructor(readonly native: PoolClient) {}

  query<R = Row>(text: string, params?: readonly unknown[]): Promise<SqlResult<R>> {
    if (!this.#open) return Promise.reject(transactionClosed());
    return run<R>(this.native, text, params);
  }

  async exec(script: string): Promise<void> {
    if (!this.#open) throw transactionClosed();
    await this.native.query(script);
  }

  close(): void {
    this.#open = false;
  }
}

/** A handler that timed out may still hold the connection: it must not go back to the pool. */
function mayStillBeInUse(error: unknown): boolean {
  return ContractError.is(error) && error.code === 'UNAVAILABLE';
}

/**
 * A {@link Driver} on a PostgreSQL server through a `pg` pool. Each transaction holds one pooled
 * connection from BEGIN to COMMIT or ROLLBACK.
 * @example const driver = pgDriver({ connectionString: process.env.DATABASE_URL });
 */
export function pgDriver(options: PgDriverOptions = {}): Driver {
  const pool = options.existing ?? new Pool({ ...options.pool, connectionString: options.connectionString });
  // Without a listener, an idle connection's error (server restart) would crash the process.
  if (options.existing === undefined) pool.on('error', options.onIdleError ?? (() => undefined));
  return {
    kind: 'pg',
    query: (text, params) => run(pool, text, params),
    async exec(script) {
      await pool.query(script);
    },
    async transaction(work) {
      const client = await pool.connect();
      const tx = new PgTx(client);
      let broken: Error | boolean | undefined;
      try {
        await client.query('BEGIN');
        const result = await work(tx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => {
          broken = rollbackError;
        });
        if (broken === undefined && mayStillBeInUse(error)) broken = true;
        throw error;
      } finally {
        tx.close();
        client.release(broken);
      }
    },
    async close() {
      if (options.existing === undefined) await pool.end();
    },
  };
}
