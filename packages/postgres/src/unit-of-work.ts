import type { UnitOfWork } from '@lssm/lib.contracts';
import type { Driver, SqlTransaction } from './driver/types.js';

/**
 * One database transaction per call: the handler's writes (through `ctx.tx`), the audit record, the
 * outbox events and the idempotent response commit together, or none of them does.
 * @example new SpecRegistry({ unitOfWork: new PostgresUnitOfWork(driver), ... })
 */
export class PostgresUnitOfWork implements UnitOfWork<SqlTransaction> {
  constructor(readonly driver: Driver) {}

  run<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    return this.driver.transaction(work);
  }
}
