import { PostgresAuditSink } from './audit/sink.js';
import { type AuditVerification, verifyAuditChain } from './audit/verify.js';
import type { Driver } from './driver/types.js';
import { PostgresIdempotencyStore } from './idempotency/store.js';
import { PostgresOutbox } from './outbox/outbox.js';
import { OutboxRelay, type OutboxRelayOptions } from './outbox/relay.js';
import { migrate } from './schema/migrate.js';
import { DEFAULT_SCHEMA, tablesIn } from './schema/names.js';
import { PostgresUnitOfWork } from './unit-of-work.js';

/** Options of {@link createPostgresRuntime}. */
export interface PostgresRuntimeOptions {
  readonly driver: Driver;
  /** The PostgreSQL schema of the package's tables (default `lssm`). */
  readonly schema?: string;
  /** Apply the migrations first (default true; pass false when a deploy step runs them). */
  readonly migrate?: boolean;
  /** See {@link PostgresIdempotencyOptions.lockTimeoutSeconds} (default 60 s). */
  readonly lockTimeoutSeconds?: number;
}

/**
 * The durable ports for a `SpecRegistry` — unit of work, audit trail, idempotency keys and outbox,
 * all on one database — plus what runs beside them.
 */
export interface PostgresRuntime {
  readonly unitOfWork: PostgresUnitOfWork;
  readonly audit: PostgresAuditSink;
  readonly idempotency: PostgresIdempotencyStore;
  readonly outbox: PostgresOutbox;
  readonly driver: Driver;
  readonly schema: string;
  /** A relay for this database, woken by this runtime's commits. Call `start()` on it. */
  createRelay(options?: OutboxRelayOptions): OutboxRelay;
  /** Checks the audit trail's sequence and hash chain (see {@link verifyAuditChain}). */
  verifyAudit(): Promise<AuditVerification>;
}

/**
 * Migrates the schema (unless told not to) and builds the durable ports. Pass the result to
 * `new SpecRegistry(...)` or `registry.configure(...)`, with a rate limiter of your choice beside it.
 * @example
 * const pg = await createPostgresRuntime({ driver: await driverFromEnv(process.env) });
 * const registry = new SpecRegistry({ ...pg, auditKey: process.env.AUDIT_KEY });
 * pg.createRelay({ sinks: [jetStreamSink(js)] }).start();
 */
export async function createPostgresRuntime(options: PostgresRuntimeOptions): Promise<PostgresRuntime> {
  const { driver } = options;
  const schema = options.schema ?? DEFAULT_SCHEMA;
  tablesIn(schema);
  if (options.migrate !== false) await migrate(driver, { schema });
  const outbox = new PostgresOutbox({ schema });
  return Object.freeze({
    unitOfWork: new PostgresUnitOfWork(driver),
    audit: new PostgresAuditSink(driver, { schema }),
    idempotency: new PostgresIdempotencyStore(driver, {
      schema,
      lockTimeoutSeconds: options.lockTimeoutSeconds,
    }),
    outbox,
    driver,
    schema,
    createRelay(relayOptions: OutboxRelayOptions = {}) {
      const relay = new OutboxRelay(driver, { ...relayOptions, schema });
      outbox.onCommit(() => relay.wake());
      return relay;
    },
    verifyAudit: () => verifyAuditChain(driver, { schema }),
  });
}
