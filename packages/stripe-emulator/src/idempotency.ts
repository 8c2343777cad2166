import { StripeApiError } from './errors.js';

/** A response kept for replays: what the first request with the key answered. */
export interface StoredAnswer {
  status: number;
  body: string;
  requestId: string;
  headers: Record<string, string>;
}

/** The outcome of claiming a key for a request. */
export type IdempotencyClaim =
  | { kind: 'new'; finish(answer: StoredAnswer | undefined): void }
  | { kind: 'replay'; answer: StoredAnswer }
  | { kind: 'mismatch' }
  | { kind: 'in-flight' };

interface Entry {
  fingerprint: string;
  createdAt: number;
  answer?: StoredAnswer;
}

/** How long Stripe keeps idempotency keys (they may be pruned once at least 24 hours old). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** Longest idempotency key Stripe accepts. */
export const MAX_KEY_LENGTH = 255;

/**
 * Stripe-like idempotency: the first request with a key runs and its answer is saved; the same
 * key with the same endpoint and parameters replays it; other parameters are an error; a request
 * while the first is still running conflicts. Keys expire after 24 hours of the emulator's clock.
 */
export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly clock: () => number,
    private readonly ttlMs = IDEMPOTENCY_TTL_MS,
  ) {}

  /**
   * Claims `key` for a request whose method, path and parameters give `fingerprint`. On `'new'`,
   * call `finish` with the answer to save, or `undefined` to release the key (validation failures).
   */
  claim(key: string, fingerprint: string): IdempotencyClaim {
    const now = this.clock();
    const existing = this.entries.get(key);
    if (existing !== undefined && now - existing.createdAt < this.ttlMs) {
      if (existing.fingerprint !== fingerprint) return { kind: 'mismatch' };
      return existing.answer === undefined
        ? { kind: 'in-flight' }
        : { kind: 'replay', answer: existing.answer };
    }
    const entry: Entry = { fingerprint, createdAt: now };
    this.entries.set(key, entry);
    return {
      kind: 'new',
      finish: (answer) => {
        if (this.entries.get(key) !== entry) return;
        if (answer === undefined) this.entries.delete(key);
        else entry.answer = answer;
      },
    };
  }
}

/** The 400 answered when a key is reused with other parameters (or another endpoint). */
export function mismatchError(key: string): StripeApiError {
  return new StripeApiError(400, {
    type: 'idempotency_error',
    message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
  });
}

/** The 409 answered while the first request with the key is still running. */
export function inFlightError(key: string): StripeApiError {
  return new StripeApiError(409, {
    type: 'idempotency_error',
    code: 'idempotency_key_in_use',
    message: `There is currently another in-progress request using this idempotent key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`,
  });
}

/** The 400 answered for a key longer than Stripe accepts. */
export function keyTooLongError(): StripeApiError {
  return new StripeApiError(400, {
    type: 'invalid_request_error',
    param: 'Idempotency-Key',
    message: `Idempotency-Key must be at most ${MAX_KEY_LENGTH} characters long.`,
  });
}
