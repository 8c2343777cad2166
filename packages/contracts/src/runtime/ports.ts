import type { Transport } from '../spec/types.js';

/** Runs work in one transaction: all of it commits, or none of it does. */
export interface UnitOfWork<Tx = unknown> {
  run<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
}

/** One audited call. Denials and failures are audited too. */
export interface AuditRecord {
  readonly requestId: string;
  readonly traceId?: string;
  readonly transport: Transport;
  readonly operation: {
    readonly name: string;
    readonly version: number;
    readonly kind?: 'command' | 'query';
  };
  readonly actor: { readonly type: string; readonly userId?: string; readonly tenantId?: string };
  readonly decision?: { readonly allowed: boolean; readonly rule?: string; readonly reason: string };
  readonly outcome: 'success' | 'denied' | 'error';
  readonly errorCode?: string;
  /** The validated input with the spec's redaction paths replaced by `"[redacted]"`; absent when invalid. */
  readonly input?: unknown;
  /** HMAC-SHA-256 (hex) of the canonical JSON of what was sent, when `input` has redacted fields. */
  readonly inputDigest?: string;
  readonly idempotencyKey?: string;
  readonly replayed?: boolean;
  readonly events?: readonly string[];
  /** When the call started and ended (serialised as ISO 8601; sinks store them as timestamps). */
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly durationMs: number;
}

/** Where audit records go. With `tx`, the record is part of that transaction. */
export interface AuditSink<Tx = unknown> {
  append(record: AuditRecord, tx?: Tx): void | Promise<void>;
}

/** A response kept for idempotent replay. */
export interface StoredResponse {
  readonly ok: boolean;
  /** The encoded output, or the error's wire form. */
  readonly body: unknown;
  readonly status: number;
}

/** What an idempotency store says about a key. */
export type IdempotencyBegin =
  | { readonly state: 'started' }
  | { readonly state: 'replay'; readonly response: StoredResponse }
  | { readonly state: 'in-flight'; readonly retryAfterSeconds: number }
  | { readonly state: 'mismatch' };

/** A key claim: scope (operation and owner) + key, with the input's fingerprint. */
export interface IdempotencyClaim {
  readonly scope: string;
  readonly key: string;
  readonly fingerprint: string;
  readonly ttlSeconds: number;
}

/** Keeps idempotency keys and their responses. `begin` must be atomic across processes. */
export interface IdempotencyStore<Tx = unknown> {
  begin(claim: IdempotencyClaim): Promise<IdempotencyBegin>;
  /** Stores the response; with `tx`, in the operation's transaction. */
  complete(claim: IdempotencyClaim, response: StoredResponse, tx?: Tx): Promise<void>;
  /** Forgets an in-flight key after a failure that may be retried. */
  release(claim: IdempotencyClaim): Promise<void>;
}

/** An event as it is stored and published. */
export interface OutboxEvent {
  readonly id: string;
  readonly name: string;
  readonly version: number;
  readonly payload: unknown;
  readonly occurredAt: string;
  readonly requestId: string;
  readonly tenantId?: string;
}

/** Stores events in the operation's transaction; they are published after commit. */
export interface EventOutbox<Tx = unknown> {
  enqueue(events: readonly OutboxEvent[], tx: Tx): Promise<void>;
  /** Called after a commit that enqueued events (e.g. to wake a relay). */
  afterCommit?(): void;
}

/** Counts calls per key; `allowed: false` with a retry delay once a budget is spent. */
export interface RateLimiter {
  consume(
    key: string,
    limit: number,
    windowSeconds: number,
  ): Promise<{ allowed: boolean; retryAfterSeconds: number }>;
}

/** The time source (replaceable in tests). */
export interface Clock {
  now(): Date;
}

/** What an event inbox says about an inbound event: first seen, being processed, or processed. */
export type InboxClaim = 'new' | 'in-flight' | 'done';

/**
 * Remembers inbound events (webhooks, queue messages) by source and id, so a redelivered event
 * has no second effect. `claim` must be atomic across processes.
 * @example if ((await inbox.claim('stripe', event.id, 90)) === 'new') { ...; await inbox.complete('stripe', event.id, 604_800) }
 */
export interface EventInbox {
  /** Claims an event for `leaseSeconds`; an unfinished claim past its lease (a crash) may be claimed again. */
  claim(source: string, eventId: string, leaseSeconds: number): Promise<InboxClaim>;
  /** Marks a claimed event processed and remembers it for `retainSeconds`. */
  complete(source: string, eventId: string, retainSeconds: number): Promise<void>;
  /** Forgets an unfinished claim after a failure, so the sender's retry runs again. */
  release(source: string, eventId: string): Promise<void>;
}
