import { createHmac } from 'node:crypto';
import { newId } from './ids.js';
import type { EventObject } from './objects.js';
import type { EventSink } from './state.js';

/** One delivery attempt of an event to the webhook endpoint: the HTTP status, or `'failed'` (no answer). */
export interface DeliveredEvent {
  id: string;
  type: string;
  status: number | 'failed';
  attempt: number;
}

/** How the emulator delivers events. */
export interface WebhookSenderOptions {
  /** The endpoint; without it events are recorded but not sent. */
  url?: string | undefined;
  /** The signing secret (`whsec_...`). */
  secret: string;
  /** The API version of the events' `data.object`. */
  apiVersion: string;
  /** Attempts per event before giving up (first try included). */
  maxAttempts: number;
  /** Delay before the first retry; each next retry waits 4 times longer. */
  retryDelayMs: number;
  /** The emulator's clock in milliseconds (event `created` and signature timestamps). */
  clock: () => number;
}

/**
 * The `Stripe-Signature` header for `payload` at `timestamp` (seconds), as Stripe computes it:
 * `t=<timestamp>,v1=<hex HMAC-SHA256 of "<timestamp>.<payload>" keyed with the whole secret>`.
 * @example signPayload('{"id":"evt_1"}', 'whsec_emulator', 1700000000) // 't=1700000000,v1=5f2c...'
 */
export function signPayload(payload: string, secret: string, timestamp: number): string {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${signature}`;
}

/**
 * Builds events and POSTs them, signed, to the endpoint: first attempts in emission order, then
 * retries with exponential backoff on a non-2xx answer or a network failure, up to `maxAttempts`.
 */
export class WebhookSender implements EventSink {
  private readonly log: DeliveredEvent[] = [];
  private readonly all: EventObject[] = [];
  private queue: Promise<void> = Promise.resolve();
  private pending = 0;
  private idleWaiters: Array<() => void> = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly options: WebhookSenderOptions) {}

  emit(type: string, render: (apiVersion: string) => unknown, request: EventObject['request']): EventObject {
    const { url, apiVersion, clock } = this.options;
    const event: EventObject = {
      id: newId('evt'),
      object: 'event',
      api_version: apiVersion,
      created: Math.floor(clock() / 1000),
      data: { object: render(apiVersion) },
      livemode: false,
      pending_webhooks: url === undefined ? 0 : 1,
      request,
      type,
    };
    this.all.push(event);
    if (url !== undefined && !this.closed) {
      this.pending += 1;
      const payload = JSON.stringify(event, null, 2);
      this.queue = this.queue.then(() => this.attempt(url, event, payload, 1));
    }
    return event;
  }

  /** Every delivery attempt so far, in order. */
  deliveries(): readonly DeliveredEvent[] {
    return this.log.map((entry) => ({ ...entry }));
  }

  /** Every event built so far (delivered or not), oldest first. */
  events(): readonly EventObject[] {
    return [...this.all];
  }

  /** Resolves once no delivery or retry is pending. */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops delivering: pending retries are dropped. */
  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.pending = 0;
    this.settle();
  }

  private async attempt(url: string, event: EventObject, payload: string, attempt: number): Promise<void> {
    if (this.closed) return;
    const timestamp = Math.floor(this.options.clock() / 1000);
    let status: number | 'failed';
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          'stripe-signature': signPayload(payload, this.options.secret, timestamp),
        },
        body: payload,
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer();
      status = response.status;
    } catch {
      status = 'failed';
    }
    if (this.closed) return;
    this.log.push({ id: event.id, type: event.type, status, attempt });
    const delivered = typeof status === 'number' && status >= 200 && status < 300;
    if (delivered || attempt >= this.options.maxAttempts) {
      this.pending -= 1;
      this.settle();
      return;
    }
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        void this.attempt(url, event, payload, attempt + 1);
      },
      this.options.retryDelayMs * 4 ** (attempt - 1),
    );
    this.timers.add(timer);
  }

  private settle(): void {
    if (this.pending > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
