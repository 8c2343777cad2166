import type { Transaction as PGliteTransaction } from '@electric-sql/pglite';
import type { PoolClient } from 'pg';

/** The rows a statement returned and how many rows it touched. */
export interface SqlResult<R> {
  readonly rows: R[];
  readonly rowCount: number;
}

/** Runs SQL: one parameterised statement with `query`, a script of several with `exec`. */
export interface SqlExecutor {
  /** Runs one statement with `$1`-style parameters. */
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<SqlResult<R>>;
  /** Runs a script of several statements, without parameters (migrations). */
  exec(script: string): Promise<void>;
}

/** A transaction on a `pg` server: `native` is the pooled client holding it (for an ORM to join). */
export interface PgTransaction extends SqlExecutor {
  readonly kind: 'pg';
  readonly native: PoolClient;
}

/** A transaction on PGlite: `native` is PGlite's own transaction object (for an ORM to join). */
export interface PgliteTransaction extends SqlExecutor {
  readonly kind: 'pglite';
  readonly native: PGliteTransaction;
}

/**
 * The transaction a unit of work hands to the handler (`ctx.tx`), the audit sink, the outbox and the
 * idempotency store. Valid until the unit of work ends; afterwards every query is refused.
 * @example installOp(registry, Spec, async (input, ctx) => { await ctx.tx.query('INSERT ...', [input.id]); });
 */
export type SqlTransaction = PgTransaction | PgliteTransaction;

/** Which driver runs the SQL. */
export type DriverKind = SqlTransaction['kind'];

/**
 * The one small interface both database drivers implement: queries, scripts, transactions. The
 * stores use nothing else, so the same SQL runs on PGlite and on a PostgreSQL server.
 */
export interface Driver extends SqlExecutor {
  readonly kind: DriverKind;
  /** Runs `work` in one transaction: COMMIT when it resolves, ROLLBACK when it throws. */
  transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  /** Closes the pool or the embedded database. */
  close(): Promise<void>;
}

/** True for a transaction made by one of this package's drivers. */
export function isSqlTransaction(value: unknown): value is SqlTransaction {
  if (typeof value !== 'object' || value === null) return false;
  // Looked at field by field below; nothing is assumed about the object.
  const tx = value as Partial<SqlTransaction>;
  return (tx.kind === 'pg' || tx.kind === 'pglite') && typeof tx.query === 'function';
}
