import type { Clock, RateLimiter } from '../ports.js';

/**
 * In-memory rate limiter (GCRA, the token-bucket equivalent used by Redis-cell): smooth, with a
 * burst of `limit`, O(1) memory per key. For one process; the durable one lives in Redis.
 */
export class MemoryRateLimiter implements RateLimiter {
  readonly #tat = new Map<string, number>();
  constructor(readonly clock: Clock = { now: () => new Date() }) {}

  async consume(
    key: string,
    limit: number,
    windowSeconds: number,
  ): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
    const now = this.clock.now().getTime();
    const interval = (windowSeconds * 1000) / limit;
    const burst = windowSeconds * 1000 - interval;
    const tat = Math.max(this.#tat.get(key) ?? now, now);
    const allowAt = tat - burst;
    // Slack for float rounding (half an interval, at most 1 ms: never a whole extra call): `interval`
    // is rarely exact (30 per 4 s: 133.33 ms) and each `tat + interval` rounds, so the last call of
    // a full burst, or a retry exactly on time, would otherwise be denied.
    if (allowAt - now > Math.min(1, interval / 2))
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((allowAt - now) / 1000)) };
    this.#tat.set(key, tat + interval);
    if (this.#tat.size > 100_000) this.#evict(now);
    return { allowed: true, retryAfterSeconds: 0 };
  }

  #evict(now: number): void {
    for (const [key, tat] of this.#tat) if (tat < now) this.#tat.delete(key);
  }
}
