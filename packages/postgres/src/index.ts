export { type AuditRow, auditBody, normalizedRecord, recordFromRow } from './audit/encode.js';
export { PostgresAuditSink } from './audit/sink.js';
export {
  type AuditVerification,
  type ChainedAuditRecord,
  chainHash,
  readAuditLog,
  verifyAuditChain,
} from './audit/verify.js';
export { driverFromEnv } from './driver/from-env.js';
export { type PgDriverOptions, pgDriver, unavailableIfLost } from './driver/pg.js';
export { type PgliteDriverOptions, pgliteDriver } from './driver/pglite.js';
export {
  type Driver,
  type DriverKind,
  isSqlTransaction,
  type PgliteTransaction,
  type PgTransaction,
  type SqlExecutor,
  type SqlResult,
  type SqlTransaction,
} from './driver/types.js';
export { type PostgresIdempotencyOptions, PostgresIdempotencyStore } from './idempotency/store.js';
export { claimInboxEvent } from './outbox/inbox.js';
export {
  ensureEventStream,
  eventSubject,
  type JetStreamSinkOptions,
  jetStreamSink,
} from './outbox/jetstream.js';
export { PostgresOutbox } from './outbox/outbox.js';
export { OutboxRelay, type OutboxRelayOptions, type RelayRound } from './outbox/relay.js';
export { type EventSink, sinkOf } from './outbox/sink.js';
export { RedisRateLimiter, type RedisRateLimiterOptions } from './rate-limit/redis.js';
export { createPostgresRuntime, type PostgresRuntime, type PostgresRuntimeOptions } from './runtime.js';
export { appRoleGrants, grantAppRole } from './schema/grants.js';
export { type MigrateOptions, type MigrationReport, migrate } from './schema/migrate.js';
export { GENESIS_HASH, MIGRATIONS, type Migration } from './schema/migrations.js';
export { DEFAULT_SCHEMA, type Tables, tablesIn } from './schema/names.js';
export { PostgresUnitOfWork } from './unit-of-work.js';
