import { ContractError, type RateLimiter } from '@lssm/lib.contracts';
import type { Redis } from 'ioredis';
import type { RateLimiterRedis } from 'rate-limiter-flexible';

type Flexible = typeof import('rate-limiter-flexible');
/** Loaded on first use: processes without rate limits never load it. */
let flexible: Promise<Flexible> | undefined;

/** Options of {@link RedisRateLimiter}. */
export interface RedisRateLimiterOptions {
  /** An ioredis client (shared with the rest of the app, or its own). */
  readonly redis: Redis;
  /** Prefix of the counters' keys (default `lssm:rl`). */
  readonly keyPrefix?: string;
  /**
   * When Redis does not answer: `'memory'` (default) counts in this process instead, so limits
   * hold per process until Redis is back; `'refuse'` fails the call with UNAVAILABLE.
   */
  readonly whenRedisIsDown?: 'memory' | 'refuse';
  /** How long a call waits for a connection that is still being made (at start-up) before falling back. Default 2 s. */
  readonly connectTimeoutMs?: number;
}

const CONNECTING = new Set(['wait', 'connecting', 'connect']);

/** Resolves once the client is ready, gives up connecting, or `ms` pass. */
function settled(redis: Redis, ms: number): Promise<void> {
  if (redis.status === 'wait') redis.connect().catch(() => undefined);
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      for (const event of ['ready', 'end', 'close', 'error']) redis.off(event, done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    for (const event of ['ready', 'end', 'close', 'error']) redis.once(event, done);
  });
}

/**
 * Rate limits shared by every process, counted in Redis by `rate-limiter-flexible` (a fixed window
 * per key: `limit` calls per `windowSeconds`, reset when the window ends). The in-memory GCRA limiter
 * of `@lssm/lib.contracts` stays the single-process default.
 * @example new SpecRegistry({ rateLimiter: new RedisRateLimiter({ redis: new Redis(process.env.REDIS_URL) }) })
 */
export class RedisRateLimiter implements RateLimiter {
  readonly #limiters = new Map<string, RateLimiterRedis>();
  readonly #options: RedisRateLimiterOptions;

  constructor(options: RedisRateLimiterOptions) {
    this.#options = options;
  }

  async consume(
    key: string,
    limit: number,
    windowSeconds: number,
  ): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
    flexible ??= import('rate-limiter-flexible');
    const rlf = await flexible;
    // A client still making its first connection is waited for (bounded); one that lost Redis is not.
    if (CONNECTING.has(this.#options.redis.status))
      await settled(this.#options.redis, this.#options.connectTimeoutMs ?? 2_000);
    try {
      await this.#limiter(rlf, limit, windowSeconds).consume(key);
      return { allowed: true, retryAfterSeconds: 0 };
    } catch (rejection) {
      if (rejection instanceof rlf.RateLimiterRes)
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
      throw new ContractError('UNAVAILABLE', undefined, { origin: 'rate-limit', cause: rejection });
    }
  }

  /** One limiter per budget: the budget is part of the key, so specs with different limits never share counters. */
  #limiter(rlf: Flexible, limit: number, windowSeconds: number): RateLimiterRedis {
    const points = Math.max(1, Math.floor(limit));
    const duration = Math.max(1, Math.ceil(windowSeconds));
    const id = `${points}/${duration}`;
    let limiter = this.#limiters.get(id);
    if (limiter === undefined) {
      const keyPrefix = `${this.#options.keyPrefix ?? 'lssm:rl'}:${id}`;
      limiter = new rlf.RateLimiterRedis({
        storeClient: this.#options.redis,
        keyPrefix,
        points,
        duration,
        rejectIfRedisNotReady: true,
        insuranceLimiter:
          this.#options.whenRedisIsDown === 'refuse'
            ? undefined
            : new rlf.RateLimiterMemory({ keyPrefix, points, duration }),
      });
      this.#limiters.set(id, limiter);
    }
    return limiter;
  }
}
