import { defaultHasher, type Hasher, randomId } from './digest.js';
import type { ExecutionHooks } from './hooks.js';
import { MemoryAuditSink } from './memory/audit.js';
import { MemoryIdempotencyStore } from './memory/idempotency.js';
import { MemoryOutbox } from './memory/outbox.js';
import { MemoryRateLimiter } from './memory/rate-limiter.js';
import { MemoryUnitOfWork } from './memory/unit-of-work.js';
import type { AuditSink, Clock, EventOutbox, IdempotencyStore, RateLimiter, UnitOfWork } from './ports.js';
import { loadAutoTracer, type TracerLike } from './tracing.js';

/** The ports and settings the pipeline runs with. Every port has an in-memory default. */
export interface RuntimeOptions {
  readonly unitOfWork?: UnitOfWork;
  readonly audit?: AuditSink;
  readonly idempotency?: IdempotencyStore;
  readonly outbox?: EventOutbox;
  readonly rateLimiter?: RateLimiter;
  readonly clock?: Clock;
  readonly hasher?: Hasher;
  /** Secret for the audit trail's input digests (HMAC). Defaults to a random per-process key. */
  readonly auditKey?: string;
  readonly hooks?: ExecutionHooks;
  /** Handlers running longer are aborted (their `signal` fires) and the call fails UNAVAILABLE. Default 30 s. */
  readonly handlerTimeoutMs?: number;
  /** `'auto'` (default) uses `@opentelemetry/api` when installed; pass a tracer, or `false` for none. */
  readonly tracer?: TracerLike | 'auto' | false;
}

/** {@link RuntimeOptions} with every default filled in. */
export interface Runtime {
  readonly unitOfWork: UnitOfWork;
  readonly audit: AuditSink;
  readonly idempotency: IdempotencyStore;
  readonly outbox: EventOutbox;
  readonly rateLimiter: RateLimiter;
  readonly clock: Clock;
  readonly hasher: Hasher;
  readonly auditKey: string;
  readonly hooks: ExecutionHooks;
  readonly handlerTimeoutMs: number;
  readonly tracer: TracerLike | 'auto' | false;
}

const systemClock: Clock = { now: () => new Date() };

/** Fills in defaults: in-memory ports, the system clock, the fastest hasher. */
export function createRuntime(options: RuntimeOptions = {}, base?: Runtime): Runtime {
  const clock = options.clock ?? base?.clock ?? systemClock;
  const runtime: Runtime = {
    unitOfWork: options.unitOfWork ?? base?.unitOfWork ?? new MemoryUnitOfWork(),
    audit: options.audit ?? base?.audit ?? new MemoryAuditSink(),
    idempotency: options.idempotency ?? base?.idempotency ?? new MemoryIdempotencyStore(clock),
    outbox: options.outbox ?? base?.outbox ?? new MemoryOutbox(),
    rateLimiter: options.rateLimiter ?? base?.rateLimiter ?? new MemoryRateLimiter(clock),
    clock,
    hasher: options.hasher ?? base?.hasher ?? defaultHasher(),
    auditKey: options.auditKey ?? base?.auditKey ?? randomId(),
    hooks: options.hooks ?? base?.hooks ?? {},
    handlerTimeoutMs: options.handlerTimeoutMs ?? base?.handlerTimeoutMs ?? 30_000,
    tracer: options.tracer ?? base?.tracer ?? 'auto',
  };
  if (runtime.tracer === 'auto') void loadAutoTracer();
  return Object.freeze(runtime);
}
