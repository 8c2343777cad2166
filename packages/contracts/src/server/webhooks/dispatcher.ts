import type { Clock, OutboxEvent } from '../../index.js';
import { backoffDelay } from './backoff.js';
import type {
  DeadLetter,
  DeliveryAttempt,
  Timers,
  WebhookDispatcherOptions,
  WebhookSubscription,
} from './dispatcher-types.js';
import { type AttemptResult, attemptFields, postSigned } from './post-signed.js';

function positiveInt(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer`);
  return value;
}

function matches(subscription: WebhookSubscription, event: OutboxEvent): boolean {
  if (subscription.tenantId !== undefined && subscription.tenantId !== event.tenantId) return false;
  return subscription.events.includes('*') || subscription.events.includes(event.name);
}

function report<T>(listener: ((value: T) => void) | undefined, value: T): void {
  try {
    listener?.(value);
  } catch {}
}

/**
 * Delivers published events to subscriber URLs, signed with Standard Webhooks headers
 * (`webhook-id` = the event id, the same on every retry; `webhook-timestamp` and
 * `webhook-signature` per attempt). A non-2xx answer, a network error or a timeout is retried
 * with exponential backoff and jitter; after `maxAttempts` the delivery is dead-lettered and
 * reported. Retries live in memory: a process exit loses them (a durable relay comes later).
 * @example new WebhookDispatcher({ subscriptions }).attach(outbox) // outbox: the registry's MemoryOutbox
 */
export class WebhookDispatcher {
  readonly #options: WebhookDispatcherOptions;
  readonly #maxAttempts: number;
  readonly #baseDelayMs: number;
  readonly #maxDelayMs: number;
  readonly #timeoutMs: number;
  readonly #clock: Clock;
  readonly #timers: Timers;
  readonly #fetch: typeof fetch;
  readonly #inFlight = new Set<Promise<void>>();
  readonly #sleeping = new Map<unknown, () => void>();
  readonly #dead: DeadLetter[] = [];
  readonly #deadCapacity: number;
  #closed = false;

  constructor(options: WebhookDispatcherOptions) {
    this.#options = options;
    this.#maxAttempts = positiveInt('maxAttempts', options.maxAttempts, 8);
    this.#baseDelayMs = positiveInt('baseDelayMs', options.baseDelayMs, 1_000);
    this.#maxDelayMs = positiveInt('maxDelayMs', options.maxDelayMs, 600_000);
    this.#timeoutMs = positiveInt('timeoutMs', options.timeoutMs, 15_000);
    this.#deadCapacity = positiveInt('deadLetterCapacity', options.deadLetterCapacity, 1_000);
    this.#clock = options.clock ?? { now: () => new Date() };
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#timers = options.timers ?? {
      setTimeout: (callback, ms) => setTimeout(callback, ms),
      // The handle is whatever setTimeout returned above.
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    };
  }

  /** Dispatches every event `outbox` publishes from now on; returns the unsubscribe function. */
  attach(outbox: { subscribe(listener: (event: OutboxEvent) => void): () => void }): () => void {
    return outbox.subscribe((event) => {
      this.dispatch(event).catch(() => undefined);
    });
  }

  /** Delivers one event to each matching subscriber; settles when every delivery is done or dead-lettered. */
  dispatch(event: OutboxEvent): Promise<void> {
    if (this.#closed) return Promise.resolve();
    return this.#track(this.#dispatch(event));
  }

  async #dispatch(event: OutboxEvent): Promise<void> {
    const source = this.#options.subscriptions;
    const subscriptions = typeof source === 'function' ? await source(event) : source;
    const body = JSON.stringify({
      type: event.name,
      version: event.version,
      timestamp: event.occurredAt,
      data: event.payload,
    });
    const deliveries = subscriptions
      .filter((subscription) => matches(subscription, event))
      .map((subscription) => this.#deliver(event, subscription, body));
    await Promise.all(deliveries);
  }

  /** Settles once no delivery is in progress (all delivered or dead-lettered). */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  /** Stops: waiting retries are cancelled and dead-lettered (`closed`); new events are not taken. */
  close(): void {
    this.#closed = true;
    for (const [handle, wake] of this.#sleeping) {
      this.#timers.clearTimeout(handle);
      wake();
    }
    this.#sleeping.clear();
  }

  /** The deliveries given up on, oldest first (the newest `deadLetterCapacity`). */
  deadLetters(): readonly DeadLetter[] {
    return [...this.#dead];
  }

  #track(delivery: Promise<void>): Promise<void> {
    this.#inFlight.add(delivery);
    return delivery.finally(() => this.#inFlight.delete(delivery));
  }

  async #deliver(event: OutboxEvent, subscription: WebhookSubscription, body: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const at = this.#clock.now();
      const result = await postSigned(this.#fetch, subscription, { id: event.id, body, at }, this.#timeoutMs);
      const final = result.ok || result.unsignable === true || attempt >= this.#maxAttempts || this.#closed;
      const retryInMs = final
        ? undefined
        : backoffDelay(attempt, this.#baseDelayMs, this.#maxDelayMs, this.#options.random ?? Math.random);
      report(this.#options.onAttempt, {
        eventId: event.id,
        eventName: event.name,
        subscriptionId: subscription.id,
        attempt,
        ok: result.ok,
        ...attemptFields(result),
        ...(retryInMs === undefined ? {} : { retryInMs }),
      } satisfies DeliveryAttempt);
      if (result.ok) return;
      if (retryInMs !== undefined) await this.#sleep(retryInMs);
      if (retryInMs === undefined || this.#closed) {
        const reason = result.unsignable
          ? 'unsignable'
          : attempt >= this.#maxAttempts
            ? 'attempts-exhausted'
            : 'closed';
        const { url, id: subscriptionId } = subscription;
        this.#deadLetter({
          event,
          subscriptionId,
          url,
          attempts: attempt,
          reason,
          ...lastFields(result),
          at: this.#clock.now(),
        });
        return;
      }
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const handle = this.#timers.setTimeout(() => {
        this.#sleeping.delete(handle);
        resolve();
      }, ms);
      this.#sleeping.set(handle, resolve);
    });
  }

  #deadLetter(letter: DeadLetter): void {
    this.#dead.push(letter);
    if (this.#dead.length > this.#deadCapacity) this.#dead.shift();
    report(this.#options.onDeadLetter, letter);
  }
}

function lastFields(result: AttemptResult): { lastStatus?: number; lastError?: string } {
  const { status, error } = attemptFields(result);
  return {
    ...(status === undefined ? {} : { lastStatus: status }),
    ...(error === undefined ? {} : { lastError: error }),
  };
}
