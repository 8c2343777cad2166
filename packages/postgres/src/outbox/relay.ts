import type { OutboxEvent } from '@lssm/lib.contracts';
import type { SqlExecutor } from '../driver/types.js';
import { DEFAULT_SCHEMA, type Tables, tablesIn } from '../schema/names.js';
import type { EventSink } from './sink.js';

/** Options of {@link OutboxRelay}. */
export interface OutboxRelayOptions {
  readonly schema?: string;
  /** Where events go; more can be added with {@link OutboxRelay.onEvent}. */
  readonly sinks?: readonly EventSink[];
  /** Events claimed per round (default 100). */
  readonly batchSize?: number;
  /** How long a claim holds its events; a relay that dies lets them go after this (default 30 s). */
  readonly leaseSeconds?: number;
  /** How often to look for events when nobody wakes the relay (default 1 s). */
  readonly pollIntervalMs?: number;
  /** The first retry delay after a failed delivery; doubles per attempt, up to 5 min (default 1 s). */
  readonly retryDelaySeconds?: number;
  /** Told about failed rounds and deliveries (default: ignored; they are retried). */
  readonly onError?: (error: unknown, event?: OutboxEvent) => void;
}

/** What one round did. */
export interface RelayRound {
  readonly claimed: number;
  readonly published: number;
  readonly failed: number;
}

interface OutboxRow {
  readonly position: number | string;
  readonly id: string;
  readonly name: string;
  readonly version: number;
  readonly payload: string;
  readonly occurred_at: Date;
  readonly request_id: string;
  readonly tenant_id: string | null;
  readonly attempts: number;
}

function statements(t: Tables) {
  return {
    claim: `UPDATE ${t.outbox} o
   SET lease_until = now() + make_interval(secs => $2::double precision), attempts = o.attempts + 1
  FROM (SELECT position FROM ${t.outbox}
         WHERE published_at IS NULL AND (lease_until IS NULL OR lease_until <= now())
         ORDER BY position LIMIT $1 FOR UPDATE SKIP LOCKED) AS batch
 WHERE o.position = batch.position
RETURNING o.position, o.id, o.name, o.version, o.payload, o.occurred_at, o.request_id, o.tenant_id, o.attempts`,
    published: `UPDATE ${t.outbox} SET published_at = now(), lease_until = NULL, last_error = NULL
 WHERE position = ANY($1::bigint[]) AND published_at IS NULL`,
    failed: `UPDATE ${t.outbox}
   SET lease_until = now() + make_interval(secs => $2::double precision), last_error = $3
 WHERE position = $1 AND published_at IS NULL`,
    prune: `DELETE FROM ${t.outbox}
 WHERE published_at IS NOT NULL AND published_at < now() - make_interval(secs => $1::double precision)`,
    pending: `SELECT count(*)::integer AS n FROM ${t.outbox} WHERE published_at IS NULL`,
  };
}

function eventOf(row: OutboxRow): OutboxEvent {
  const event: { -readonly [K in keyof OutboxEvent]: OutboxEvent[K] } = {
    id: row.id,
    name: row.name,
    version: row.version,
    payload: JSON.parse(row.payload),
    occurredAt: new Date(row.occurred_at).toISOString(),
    requestId: row.request_id,
  };
  if (row.tenant_id !== null) event.tenantId = row.tenant_id;
  return event;
}

/**
 * Publishes committed outbox events to its sinks, at least once. Each round claims a batch with
 * `FOR UPDATE SKIP LOCKED` (so several relays share the work without blocking each other) and a
 * lease, delivers every event to every sink, and marks an event published only once all sinks
 * took it. A relay killed mid-batch loses nothing: its events stay unpublished and are claimed again
 * when the lease ends; sinks and consumers de-duplicate by event id.
 * @example const relay = new OutboxRelay(driver, { sinks: [jetStreamSink(js)] }); relay.start();
 */
export class OutboxRelay {
  readonly #sql: ReturnType<typeof statements>;
  readonly #sinks: EventSink[];
  readonly #batchSize: number;
  readonly #leaseSeconds: number;
  readonly #pollIntervalMs: number;
  readonly #retryDelaySeconds: number;
  readonly #onError: (error: unknown, event?: OutboxEvent) => void;
  #loop: Promise<void> | undefined;
  #running = false;
  #woken = false;
  #wakeUp: (() => void) | undefined;

  constructor(
    readonly db: SqlExecutor,
    options: OutboxRelayOptions = {},
  ) {
    this.#sql = statements(tablesIn(options.schema ?? DEFAULT_SCHEMA));
    this.#sinks = [...(options.sinks ?? [])];
    this.#batchSize = options.batchSize ?? 100;
    this.#leaseSeconds = options.leaseSeconds ?? 30;
    this.#pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.#retryDelaySeconds = options.retryDelaySeconds ?? 1;
    this.#onError = options.onError ?? (() => undefined);
  }

  /** Adds a sink (e.g. outbound webhook delivery); returns a function that removes it. */
  onEvent(sink: EventSink): () => void {
    this.#sinks.push(sink);
    return () => {
      const at = this.#sinks.indexOf(sink);
      if (at >= 0) this.#sinks.splice(at, 1);
    };
  }

  /** Claims one batch, delivers it and records the outcome. Does nothing without sinks. */
  async runOnce(): Promise<RelayRound> {
    const sinks = [...this.#sinks];
    if (sinks.length === 0) return { claimed: 0, published: 0, failed: 0 };
    const claimed = await this.db.query<OutboxRow>(this.#sql.claim, [this.#batchSize, this.#leaseSeconds]);
    const rows = claimed.rows.sort((a, b) => Number(a.position) - Number(b.position));
    const outcomes = await Promise.all(rows.map((row) => this.#deliver(row, sinks)));
    const done = rows.filter((_, i) => outcomes[i] === undefined).map((row) => String(row.position));
    if (done.length > 0) await this.db.query(this.#sql.published, [done]);
    let failed = 0;
    for (const [i, row] of rows.entries()) {
      const error = outcomes[i];
      if (error === undefined) continue;
      failed++;
      const delay = Math.min(this.#retryDelaySeconds * 2 ** Math.max(0, row.attempts - 1), 300);
      await this.db.query(this.#sql.failed, [row.position, delay, String(error).slice(0, 1000)]);
    }
    return { claimed: rows.length, published: done.length, failed };
  }

  async #deliver(row: OutboxRow, sinks: readonly EventSink[]): Promise<unknown> {
    let event: OutboxEvent | undefined;
    try {
      event = eventOf(row);
      for (const sink of sinks) await sink.deliver(event);
      return undefined;
    } catch (error) {
      this.#onError(error, event);
      return error ?? new Error('delivery failed');
    }
  }

  /** Runs rounds until none finds anything to claim; returns how many events were published. */
  async drain(): Promise<number> {
    let published = 0;
    for (;;) {
      const round = await this.runOnce();
      published += round.published;
      if (round.claimed === 0) return published;
    }
  }

  /** How many events wait to be published (including those being retried). */
  async pending(): Promise<number> {
    return (await this.db.query<{ n: number }>(this.#sql.pending)).rows[0]?.n ?? 0;
  }

  /** Deletes events published more than `olderThanSeconds` ago; returns how many. */
  async prunePublished(olderThanSeconds: number): Promise<number> {
    return (await this.db.query(this.#sql.prune, [olderThanSeconds])).rowCount;
  }

  /** Starts relaying in the background: a round whenever woken, and every poll interval. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  /** Asks for a round now (called after a commit that enqueued events). */
  wake(): void {
    this.#woken = true;
    this.#wakeUp?.();
  }

  /** Stops after the current round. */
  async stop(): Promise<void> {
    this.#running = false;
    this.wake();
    await this.#loop;
  }

  async #run(): Promise<void> {
    while (this.#running) {
      this.#woken = false;
      let full = false;
      try {
        full = (await this.runOnce()).claimed === this.#batchSize;
      } catch (error) {
        this.#onError(error);
      }
      if (full || this.#woken || !this.#running) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.#pollIntervalMs);
        this.#wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wakeUp = undefined;
    }
  }
}
