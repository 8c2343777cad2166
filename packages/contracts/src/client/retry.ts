/** Automatic retries of a call; the same idempotency key is sent on every attempt. */
export interface RetryOptions {
  /** Retries after the first attempt (default 3). */
  readonly retries?: number;
  /** The first backoff delay; it doubles on every retry, with jitter (default 200 ms). */
  readonly minDelayMs?: number;
  /**
   * The longest wait between attempts (default 10 s): backoff is capped at it, and an answer whose
   * `Retry-After` asks for longer is returned instead of waited for.
   */
  readonly maxDelayMs?: number;
}

/** The retry settings with every default filled in. */
export interface RetryPolicy {
  readonly retries: number;
  readonly minDelayMs: number;
  readonly maxDelayMs: number;
}

/** What one attempt gave, as far as retrying is concerned. */
export type AttemptOutcome =
  | { readonly kind: 'network' }
  | {
      readonly kind: 'answer';
      readonly status: number;
      readonly code: string | undefined;
      readonly retryAfter: string | null;
    };

const NO_RETRY: RetryPolicy = Object.freeze({ retries: 0, minDelayMs: 0, maxDelayMs: 0 });

/** The policy from options (`false` turns retries off). */
export function retryPolicy(options: RetryOptions | false | undefined): RetryPolicy {
  if (options === false) return NO_RETRY;
  const policy = {
    retries: options?.retries ?? 3,
    minDelayMs: options?.minDelayMs ?? 200,
    maxDelayMs: options?.maxDelayMs ?? 10_000,
  };
  for (const [name, value] of Object.entries(policy)) {
    if (!Number.isFinite(value) || value < 0) throw new TypeError(`retry.${name} must be a number >= 0`);
  }
  return policy;
}

/** `Retry-After` as milliseconds (delay-seconds or an HTTP date), or undefined. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Whether a failed attempt is worth repeating: no answer at all (network error), 502/503/504, or
 * 409 CONFLICT with `Retry-After` (the same idempotency key is still in flight). Anything else is
 * the server's answer and is returned as is.
 */
export function isRetryable(outcome: AttemptOutcome): boolean {
  if (outcome.kind === 'network') return true;
  if (outcome.status === 502 || outcome.status === 503 || outcome.status === 504) return true;
  return outcome.status === 409 && outcome.code === 'CONFLICT' && outcome.retryAfter !== null;
}

/**
 * The wait before retry number `retry` (0 for the first), or undefined to stop: the answer's
 * `Retry-After` when it gave one (and it is not over `maxDelayMs`), else exponential backoff with
 * jitter (half fixed, half random).
 */
export function delayBeforeRetry(
  policy: RetryPolicy,
  retry: number,
  outcome: AttemptOutcome,
  random: () => number = Math.random,
): number | undefined {
  if (retry >= policy.retries || !isRetryable(outcome)) return undefined;
  const asked = outcome.kind === 'answer' ? retryAfterMs(outcome.retryAfter) : undefined;
  if (asked !== undefined) return asked > policy.maxDelayMs ? undefined : asked;
  const ceiling = Math.min(policy.maxDelayMs, policy.minDelayMs * 2 ** retry);
  return ceiling / 2 + (ceiling / 2) * random();
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
