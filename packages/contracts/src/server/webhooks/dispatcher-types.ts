import type { Clock, OutboxEvent } from '../../index.js';

/** A subscriber endpoint: which events it receives, where, signed with which secret. */
export interface WebhookSubscription {
  readonly id: string;
  /** Where events are POSTed (use https outside tests). */
  readonly url: string;
  /** The Standard Webhooks signing secret (`whsec_` + base64) the subscriber verifies with. */
  readonly secret: string;
  /** Event names delivered (`billing.invoicePaid`), or `'*'` for every event. */
  readonly events: readonly string[];
  /** When set, only events of this tenant are delivered. */
  readonly tenantId?: string;
}

/** Where the dispatcher takes the subscribers of an event from: a list, or a lookup (e.g. a database). */
export type SubscriptionSource =
  | readonly WebhookSubscription[]
  | ((event: OutboxEvent) => readonly WebhookSubscription[] | Promise<readonly WebhookSubscription[]>);

/** The timer functions retries wait with (replaceable by a fake in tests). */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** One delivery attempt, reported as it ends. */
export interface DeliveryAttempt {
  readonly eventId: string;
  readonly eventName: string;
  readonly subscriptionId: string;
  readonly attempt: number;
  readonly ok: boolean;
  /** The subscriber's HTTP status, when it answered. */
  readonly status?: number;
  /** Why the attempt failed without a status (network error, timeout, signing). */
  readonly error?: string;
  /** When a retry follows: how long until it. */
  readonly retryInMs?: number;
}

/** A delivery given up on: reported once, and kept (the newest ones) for inspection and replay. */
export interface DeadLetter {
  readonly event: OutboxEvent;
  readonly subscriptionId: string;
  readonly url: string;
  readonly attempts: number;
  /** `attempts-exhausted`; `closed` (the dispatcher was closed first); `unsignable` (a bad secret). */
  readonly reason: 'attempts-exhausted' | 'closed' | 'unsignable';
  readonly lastStatus?: number;
  readonly lastError?: string;
  readonly at: Date;
}

/** Options of {@link WebhookDispatcher}. */
export interface WebhookDispatcherOptions {
  readonly subscriptions: SubscriptionSource;
  /** Attempts per delivery, the first included (default 8). */
  readonly maxAttempts?: number;
  /** First retry after about this long; it doubles per retry (default 1 s). */
  readonly baseDelayMs?: number;
  /** No retry waits longer (default 10 min). */
  readonly maxDelayMs?: number;
  /** An attempt without an answer by then fails (default 15 s). */
  readonly timeoutMs?: number;
  /** Default: the global `fetch`. */
  readonly fetch?: typeof fetch;
  /** Stamps `webhook-timestamp` (default: the system clock). */
  readonly clock?: Clock;
  /** Waits between attempts (default: the global timers). */
  readonly timers?: Timers;
  /** Jitter source in [0, 1) (default `Math.random`). */
  readonly random?: () => number;
  /** How many dead letters are kept (default 1,000). */
  readonly deadLetterCapacity?: number;
  readonly onAttempt?: (attempt: DeliveryAttempt) => void;
  readonly onDeadLetter?: (letter: DeadLetter) => void;
}
