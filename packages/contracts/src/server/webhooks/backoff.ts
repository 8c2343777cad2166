/**
 * The wait before retry number `retry` (1 after the first failed attempt): exponential from
 * `baseMs`, capped at `maxMs`, with "equal jitter" — uniform in [cap/2, cap] where
 * cap = min(maxMs, baseMs * 2^(retry-1)) — so retries spread out yet never come sooner than half
 * the schedule. `random` returns a number in [0, 1).
 * @example backoffDelay(3, 1000, 60_000, Math.random) // between 2000 and 4000
 */
export function backoffDelay(retry: number, baseMs: number, maxMs: number, random: () => number): number {
  const cap = Math.min(maxMs, baseMs * 2 ** Math.max(0, retry - 1));
  const jitter = Math.min(1, Math.max(0, random()));
  return Math.round(cap / 2 + (jitter * cap) / 2);
}
