import type { PGlite, Transaction } from '@electric-sql/pglite';
import { transactionClosed } from './closed.js';
import type { Driver, PgliteTransaction, SqlResult } from './types.js';

/** Options of {@link pgliteDriver}. */
export interface PgliteDriverOptions {
  /** A directory to keep the database in; in memory when absent (tests). */
  readonly dataDir?: string;
  /** An existing PGlite instance; {@link Driver.close} then leaves it open. */
  readonly existing?: PGlite;
}

type Row = Record<string, unknown>;
type Queryable = Pick<PGlite, 'query'> | Pick<Transaction, 'query'>;

async function run<R>(db: Queryable, text: string, params?: readonly unknown[]): Promise<SqlResult<R>> {
  // PGlite types parameters as a mutable any[]; it only reads them.
  const result = await db.query<R>(text, params as unknown[] | undefined);
  return { rows: result.rows, rowCount: result.rowCount ?? result.affectedRows ?? result.rows.length };
}

class PgliteTx implements PgliteTransaction {
  readonly kind = 'pglite' as const;
  #open = true;
  constructor(readonly native: Transaction) {}

  query<R = Row>(text: string, params?: readonly unknown[]): Promise<SqlResult<R>> {
    if (!this.#open) return Promise.reject(transactionClosed());
    return run<R>(this.native, text, params);
  }

  async exec(script: string): Promise<void> {
    if (!this.#open) throw transactionClosed();
    await this.native.exec(script);
  }

  close(): void {
    this.#open = false;
  }
}

/**
 * A {@link Driver} on PGlite, PostgreSQL compiled to WebAssembly and run in this process: one
 * connection, so transactions run one at a time (a query outside the open transaction waits for it).
 * @example const driver = await pgliteDriver({ dataDir: '.data/pglite' }); // or {} for in memory
 */
export async function pgliteDriver(options: PgliteDriverOptions = {}): Promise<Driver> {
  // Loaded on demand: processes on a PostgreSQL server never pay for the WebAssembly build.
  const db =
    options.existing ?? (await (await import('@electric-sql/pglite')).PGlite.create(options.dataDir));
  return {
    kind: 'pglite',
    query: (text, params) => run(db, text, params),
    async exec(script) {
      await db.exec(script);
    },
    transaction: (work) =>
      db.transaction(async (native) => {
        const tx = new PgliteTx(native);
        try {
          return await work(tx);
        } finally {
          tx.close();
        }
      }),
    async close() {
      if (options.existing === undefined) await db.close();
    },
  };
}
