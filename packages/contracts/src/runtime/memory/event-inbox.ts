import type { Clock, EventInbox, InboxClaim } from '../ports.js';

interface Entry {
  done: boolean;
  expiresAt: number;
}

/** Past this many entries, a claim first drops the expired ones (keeps a long-running dev server small). */
const SWEEP_AT = 100_000;

/**
 * In-memory de-duplication of inbound events: `claim` is atomic within one process (one
 * event-loop turn), so concurrent deliveries of one event run it once. For tests and
 * single-process apps; several instances need a shared (PostgreSQL) inbox.
 */
export class MemoryEventInbox implements EventInbox {
  readonly #entries = new Map<string, Entry>();
  constructor(readonly clock: Clock = { now: () => new Date() }) {}

  async claim(source: string, eventId: string, leaseSeconds: number): Promise<InboxClaim> {
    const now = this.clock.now().getTime();
    const id = key(source, eventId);
    const entry = this.#entries.get(id);
    if (entry !== undefined && entry.expiresAt > now) return entry.done ? 'done' : 'in-flight';
    if (entry === undefined && this.#entries.size >= SWEEP_AT) this.sweep();
    this.#entries.set(id, { done: false, expiresAt: now + leaseSeconds * 1000 });
    return 'new';
  }

  async complete(source: string, eventId: string, retainSeconds: number): Promise<void> {
    const now = this.clock.now().getTime();
    this.#entries.set(key(source, eventId), { done: true, expiresAt: now + retainSeconds * 1000 });
  }

  async release(source: string, eventId: string): Promise<void> {
    const id = key(source, eventId);
    if (this.#entries.get(id)?.done === false) this.#entries.delete(id);
  }

  /** Drops expired entries; returns how many. */
  sweep(): number {
    const now = this.clock.now().getTime();
    let dropped = 0;
    for (const [id, entry] of this.#entries) {
      if (entry.expiresAt <= now) {
        this.#entries.delete(id);
        dropped++;
      }
    }
    return dropped;
  }

  /** How many events are held (claimed or processed). */
  get size(): number {
    return this.#entries.size;
  }
}

/** JSON, not a joined string: a source or id may hold any character. */
function key(source: string, eventId: string): string {
  return JSON.stringify([source, eventId]);
}
