// Where rate limits are counted. One process: in its memory (the framework's default). Several
// processes: set REDIS_URL and every process counts in the same Redis, so a caller's budget is the
// same however many servers answer (with in-memory counters it would multiply by their number).
import { MemoryRateLimiter, type RateLimiter } from '@lssm/lib.contracts';
import { RedisRateLimiter } from '@lssm/lib.postgres';
import { Redis } from 'ioredis';
import type { BillingConfig } from './config.js';

/** The app's rate limiter and how to let go of its connection. */
export interface BillingRateLimits {
  readonly limiter: RateLimiter;
  /** `redis` when the budgets are shared by every process, `memory` when each process counts its own. */
  readonly shared: 'redis' | 'memory';
  close(): Promise<void>;
}

/** Redis when `config.redis` is set (falling back to memory while Redis is down), else memory. */
export function billingRateLimits(config: BillingConfig): BillingRateLimits {
  if (config.redis === undefined) {
    return { limiter: new MemoryRateLimiter(), shared: 'memory', close: async () => undefined };
  }
  const redis = new Redis(config.redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined); // reconnects by itself; calls meanwhile count in memory
  return {
    limiter: new RedisRateLimiter({ redis, keyPrefix: config.redis.keyPrefix }),
    shared: 'redis',
    close: async () => {
      redis.disconnect();
    },
  };
}
