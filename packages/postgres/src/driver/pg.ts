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

/** Node's codes for a connection refused, reset or unreachable; SQLSTATE classes 08 and 57P. */
const LOST =
  /^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|08\w{3}|57P0[1-3])$/;

/**
 * A lost or unreachable database as UNAVAILABLE (503, "try again later"), the original kept as
 * `cause` for logs only; any other error as it is.
 */
export function unavailableIfLost(error: unknown): unknown {
  if (!(error instanceof Error) || ContractError.is(error)) return error;
  const code = (error as { code?: unknown }).code;
  const lost =
    (typeof code === 'string' && LOST.test(code)) ||
    /^Connection terminated|^timeout expired|connection timeout|not queryable/i.test(error.message);
  return lost
    ? new ContractError('UNAVAILABLE', 'The database is unavailable; try again later', { cause: error })
    : error;
}

async function run<R>(client: Pool | PoolClient, text: string, params?: readonly unknown[]) {
  try {
    // `pg` types parameters as a mutable any[]; it only reads them.
    const result = await client.query<Row>(text, params as unknown[] | undefined);
    // Rows are whatever the statement selects; callers name their shape.
    return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 } satisfies SqlResult<R>;
  } catch (error) {
    throw unavailableIfLost(error);
  }
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

function ignoreLostConnection(): void {}

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
      const client = await pool.connect().catch((error: unknown) => {
        throw unavailableIfLost(error);
      });
      // The pool does not listen to a client it lent out: a connection lost between two statements
      // would be an unhandled 'error' event, which ends the process. The next statement fails instead.
      client.on('error', ignoreLostConnection);
      const tx = new PgTx(client);
      let broken: Error | boolean | undefined;
      try {
        await run(client, 'BEGIN');
        const result = await work(tx);
        await run(client, 'COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => {
          broken = rollbackError;
        });
        if (broken === undefined && mayStillBeInUse(error)) broken = true;
        throw error;
      } finally {
        tx.close();
        client.off('error', ignoreLostConnection);
        client.release(broken);
      }
    },
    async close() {
      if (options.existing === undefined) await pool.end();
    },
  };
}
