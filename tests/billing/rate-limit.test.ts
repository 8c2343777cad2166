// The billing app's rate limits: counted in memory by default, in Redis when REDIS_URL is set, so
// that several server processes share one budget per caller (billing.capturePayment: 60 a minute).
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { readConfig } from '../../examples/billing/lib/config.js';
import { type BillingRateLimits, billingRateLimits } from '../../examples/billing/lib/rate-limit.js';
import { REDIS_URL, redisUp } from '../postgres/helpers.js';

const redisMissing = !(await redisUp());
if (redisMissing) console.warn(`[skipped] shared rate limits: Redis is not answering at ${REDIS_URL}`);

const opened: BillingRateLimits[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((limits) => limits.close()));
});

function limitsOf(env: Record<string, string>): BillingRateLimits {
  const limits = billingRateLimits(readConfig({ BILLING_APP_DIR: '/tmp', ...env }));
  opened.push(limits);
  return limits;
}

describe('billing rate limits', () => {
  it('count in memory, per process, without REDIS_URL', async () => {
    const a = limitsOf({});
    const b = limitsOf({});
    expect([a.shared, b.shared]).toEqual(['memory', 'memory']);
    for (let i = 0; i < 3; i++) expect((await a.limiter.consume('k', 3, 60)).allowed).toBe(true);
    expect((await a.limiter.consume('k', 3, 60)).allowed).toBe(false);
    expect((await b.limiter.consume('k', 3, 60)).allowed).toBe(true);
  });

  it.skipIf(redisMissing)('share one budget between processes with REDIS_URL', async () => {
    const env = { REDIS_URL, RATE_LIMIT_PREFIX: `test:${randomUUID()}` };
    const processes = [limitsOf(env), limitsOf(env), limitsOf(env)];
    expect(processes.map((p) => p.shared)).toEqual(['redis', 'redis', 'redis']);
    const answers = [];
    for (let i = 0; i < 75; i++) {
      answers.push(await (processes[i % 3] as BillingRateLimits).limiter.consume('capture:alice', 60, 60));
    }
    const refused = answers.filter((a) => !a.allowed);
    expect(answers.filter((a) => a.allowed)).toHaveLength(60);
    expect(refused).toHaveLength(15);
    for (const answer of refused) expect(answer.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect((await processes[0]?.limiter.consume('capture:bob', 60, 60))?.allowed).toBe(true);
  });
});
