// The app's unit of work: the pipeline's transaction opens on its first statement, not before the
// handler runs. A payment handler can so commit its claim and call Stripe first (phases 1 and 2 of
// "the billing flow"), then record the outcome, the audit record, the events and the idempotent
// answer in one transaction (phase 3). On PGlite (one connection) this is also what keeps phase 1's
// own transaction from waiting behind the pipeline's.
import type { UnitOfWork } from '@lssm/lib.contracts';
import type { Driver, DriverKind, SqlResult, SqlTransaction } from '@lssm/lib.postgres';
import type { BillingDb } from './database.js';

class Rollback extends Error {}

/**
 * The `ctx.tx` handlers receive: a transaction that begins on first use. The framework's stores
 * call `query` on it like on any transaction; the app asks for Drizzle with {@link open}.
 */
export class DeferredTransaction {
  readonly kind: DriverKind;
  #opened: Promise<SqlTransaction> | undefined;
  #finish: ((commit: boolean, reason?: unknown) => void) | undefined;
  #done: Promise<void> | undefined;
  #ended = false;

  constructor(
    private readonly driver: Driver,
    private readonly orm: (tx: SqlTransaction) => BillingDb,
  ) {
    this.kind = driver.kind;
  }

  /**
   * Begins the transaction (once) and answers it. Refused once the unit of work has ended: a
   * handler still running after its timeout would otherwise open a transaction nobody ends, holding
   * its connection and row locks for good.
   */
  begin(): Promise<SqlTransaction> {
    if (this.#ended && this.#opened === undefined)
      return Promise.reject(new Error('This transaction has ended: use ctx.tx only while the handler runs'));
    this.#opened ??= new Promise<SqlTransaction>((opened, failed) => {
      this.#done = this.driver.transaction(
        (tx) =>
          new Promise<void>((commit, rollback) => {
            this.#finish = (ok, reason) => (ok ? commit() : rollback(reason ?? new Rollback()));
            opened(tx);
          }),
      );
      this.#done.catch(failed);
    });
    return this.#opened;
  }

  /** Drizzle inside this transaction (begins it). */
  async open(): Promise<BillingDb> {
    return this.orm(await this.begin());
  }

  async query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<SqlResult<R>> {
    return (await this.begin()).query<R>(text, params);
  }

  async exec(script: string): Promise<void> {
    await (await this.begin()).exec(script);
  }

  /** Commits if the transaction began; a failing COMMIT rejects. */
  async commit(): Promise<void> {
    this.#ended = true;
    if (this.#opened === undefined) return;
    await this.#opened;
    this.#finish?.(true);
    await this.#done;
  }

  /**
   * Rolls back if the transaction began. `reason` goes to the driver, which then knows a timed-out
   * handler may still hold the connection (the pg driver closes it rather than pool it).
   */
  async rollback(reason?: unknown): Promise<void> {
    this.#ended = true;
    if (this.#opened === undefined) return;
    await this.#opened.catch(() => undefined);
    this.#finish?.(false, reason);
    await this.#done?.catch((error: unknown) => {
      if (!(error instanceof Rollback) && error !== reason) throw error;
    });
  }
}

/**
 * A unit of work whose transaction begins with its first statement (see {@link DeferredTransaction}).
 * @example new SpecRegistry({ unitOfWork: new DeferredUnitOfWork(driver, orm) })
 */
export class DeferredUnitOfWork implements UnitOfWork<DeferredTransaction> {
  constructor(
    private readonly driver: Driver,
    private readonly orm: (tx: SqlTransaction) => BillingDb,
  ) {}

  async run<T>(work: (tx: DeferredTransaction) => Promise<T>): Promise<T> {
    const tx = new DeferredTransaction(this.driver, this.orm);
    let result: T;
    try {
      result = await work(tx);
    } catch (error) {
      await tx.rollback(error).catch(() => undefined);
      throw error;
    }
    await tx.commit();
    return result;
  }
}
