import type {
  Clock,
  IdempotencyBegin,
  IdempotencyClaim,
  IdempotencyStore,
  StoredResponse,
} from '../ports.js';
import { onCommit } from './unit-of-work.js';

interface Entry {
  readonly fingerprint: string;
  response?: StoredResponse;
  readonly expiresAt: number;
}

/** In-flight keys older than this are considered abandoned (a crashed call) and may be taken over. */
const IN_FLIGHT_TIMEOUT_MS = 60_000;

/**
 * In-memory idempotency keys. `begin` is atomic (one event-loop turn), so concurrent calls with one
 * key run the handler once. Expired keys are dropped when touched and by `sweep()`.
 */
export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly #entries = new Map<string, Entry & { startedAt: number }>();
  constructor(readonly clock: Clock = { now: () => new Date() }) {}

  async begin(claim: IdempotencyClaim): Promise<IdempotencyBegin> {
    const now = this.clock.now().getTime();
    const id = `${claim.scope}\u0000${claim.key}`;
    const entry = this.#entries.get(id);
    if (entry !== undefined && entry.expiresAt > now) {
      if (entry.fingerprint !== claim.fingerprint) return { state: 'mismatch' };
      // Copies in and out, as a durable store would: callers never share (or change) one response.
      if (entry.response !== undefined) return { state: 'replay', response: structuredClone(entry.response) };
      if (now - entry.startedAt < IN_FLIGHT_TIMEOUT_MS) return { state: 'in-flight', retryAfterSeconds: 1 };
    }
    this.#entries.set(id, {
      fingerprint: claim.fingerprint,
      expiresAt: now + claim.ttlSeconds * 1000,
      startedAt: now,
    });
    return { state: 'started' };
  }

  async complete(claim: IdempotencyClaim, response: StoredResponse, tx?: unknown): Promise<void> {
    const copy = structuredClone(response);
    const store = () => {
      const entry = this.#entries.get(`${claim.scope}\u0000${claim.key}`);
      if (entry !== undefined) entry.response = copy;
    };
    if (tx === undefined) store();
    else onCommit(tx, store);
  }

  async release(claim: IdempotencyClaim): Promise<void> {
    const id = `${claim.scope}\u0000${claim.key}`;
    if (this.#entries.get(id)?.response === undefined) this.#entries.delete(id);
  }

  /** Drops expired keys; returns how many. */
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

  /** How many keys are held. */
  get size(): number {
    return this.#entries.size;
  }
}
