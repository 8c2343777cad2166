import type { EventOutbox, OutboxEvent } from '@lssm/lib.contracts';
import { isSqlTransaction, type SqlTransaction } from '../driver/types.js';
import { DEFAULT_SCHEMA, tablesIn } from '../schema/names.js';

/**
 * The transactional outbox: events are inserted in the operation's transaction, so they exist if
 * and only if its state change committed. An {@link OutboxRelay} publishes them afterwards;
 * `afterCommit` wakes the relays of this process at once.
 * @example new SpecRegistry({ outbox: new PostgresOutbox(), ... })
 */
export class PostgresOutbox implements EventOutbox<SqlTransaction> {
  readonly #sql: string;
  readonly #listeners = new Set<() => void>();

  constructor(options: { readonly schema?: string } = {}) {
    const t = tablesIn(options.schema ?? DEFAULT_SCHEMA);
    this.#sql = `INSERT INTO ${t.outbox} (id, name, version, payload, occurred_at, request_id, tenant_id)
SELECT * FROM unnest($1::text[], $2::text[], $3::integer[], $4::text[], $5::timestamptz[], $6::text[], $7::text[])`;
  }

  async enqueue(events: readonly OutboxEvent[], tx: SqlTransaction): Promise<void> {
    if (!isSqlTransaction(tx))
      throw new TypeError('PostgresOutbox needs the transaction of a PostgresUnitOfWork');
    if (events.length === 0) return;
    await tx.query(this.#sql, [
      events.map((e) => e.id),
      events.map((e) => e.name),
      events.map((e) => e.version),
      events.map((e) => JSON.stringify(e.payload ?? null)),
      events.map((e) => e.occurredAt),
      events.map((e) => e.requestId),
      events.map((e) => e.tenantId ?? null),
    ]);
  }

  afterCommit(): void {
    for (const listener of this.#listeners) listener();
  }

  /** Calls `listener` after each commit that enqueued events; returns an unsubscribe function. */
  onCommit(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
