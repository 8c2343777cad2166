import type { EventOutbox, OutboxEvent } from '../ports.js';
import { BoundedLog } from './bounded-log.js';
import { onCommit } from './unit-of-work.js';

/** A subscriber to published events. */
export type EventListener = (event: OutboxEvent) => void | Promise<void>;

/**
 * An in-memory outbox: events enqueued in a transaction are published to subscribers on commit.
 * It remembers the newest `capacity` published events (default 1,000).
 */
export class MemoryOutbox implements EventOutbox {
  readonly #published: BoundedLog<OutboxEvent>;
  readonly #listeners = new Set<EventListener>();

  constructor(options: { readonly capacity?: number } = {}) {
    this.#published = new BoundedLog(options.capacity ?? 1_000);
  }

  async enqueue(events: readonly OutboxEvent[], tx: unknown): Promise<void> {
    onCommit(tx, () => {
      for (const event of events) {
        this.#published.push(event);
        for (const listener of this.#listeners) {
          // A listener that throws (sync or async) must not break the commit or the other listeners.
          try {
            void Promise.resolve(listener(event)).catch(() => undefined);
          } catch {}
        }
      }
    });
  }

  /** Calls `listener` for every event published from now on; returns an unsubscribe function. */
  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Every event published so far, oldest first. */
  published(): readonly OutboxEvent[] {
    return this.#published.toArray();
  }
}
