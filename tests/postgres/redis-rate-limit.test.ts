// Rate limits shared across processes through Redis (rate-limiter-flexible on ioredis).
import { createServer } from 'node:net';
import { ContractError, defineCommand, execute, installOp, SpecRegistry } from '@lssm/lib.contracts';
import { RedisRateLimiter } from '@lssm/lib.postgres';
import { SchemaModel } from '@lssm/lib.schema';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { REDIS_URL, randomName, redisUp, skipNote } from './helpers.js';

const up = await redisUp();

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe.skipIf(skipNote(up, 'Redis', REDIS_URL))('RedisRateLimiter', () => {
  const prefix = randomName('lssm_rl_test');
  const clients: Redis[] = [];
  const client = () => {
    const redis = new Redis(REDIS_URL);
    clients.push(redis);
    return redis;
  };
  afterAll(async () => {
    const keys = await client().keys(`${prefix}*`);
    if (keys.length > 0) await client().del(...keys);
    for (const c of clients) c.disconnect();
  });

  it('share one budget between limiters on separate connections (as in separate processes)', async () => {
    const a = new RedisRateLimiter({ redis: client(), keyPrefix: prefix });
    const b = new RedisRateLimiter({ redis: client(), keyPrefix: prefix });
    const verdicts = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).consume('op:alice', 5, 10)),
    );
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(5);
    for (const v of verdicts.filter((x) => !x.allowed)) {
      expect(v.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(v.retryAfterSeconds).toBeLessThanOrEqual(10);
    }
    expect((await a.consume('op:bob', 5, 10)).allowed).toBe(true);
    // Another budget is another counter.
    expect((await a.consume('op:alice', 50, 10)).allowed).toBe(true);
  });

  it('fall back to per-process counting while Redis is down, or refuse when told to', async () => {
    const port = await closedPort();
    const offline = new Redis({
      port,
      host: '127.0.0.1',
      lazyConnect: true,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    clients.push(offline);
    const memory = new RedisRateLimiter({ redis: offline, keyPrefix: prefix });
    const verdicts = [];
    for (let i = 0; i < 4; i++) verdicts.push((await memory.consume('op:carol', 3, 60)).allowed);
    expect(verdicts).toEqual([true, true, true, false]);
    const refusing = new RedisRateLimiter({ redis: offline, keyPrefix: prefix, whenRedisIsDown: 'refuse' });
    const refused = await refusing.consume('op:carol', 3, 60).catch((e: unknown) => e);
    expect(ContractError.is(refused) && refused.code).toBe('UNAVAILABLE');
  });

  it('answer RATE_LIMITED with a retry delay through the pipeline', async () => {
    const Ping = defineCommand({
      meta: { name: 'ops.ping', version: 1, description: 'ping', owners: ['t'], stability: 'stable' },
      io: {
        input: new SchemaModel({ name: 'Empty', fields: {} }),
        output: new SchemaModel({ name: 'Empty', fields: {} }),
      },
      policy: { auth: 'user' },
      rateLimit: { limit: 2, windowSeconds: 30 },
    });
    const registry = new SpecRegistry({
      tracer: false,
      rateLimiter: new RedisRateLimiter({ redis: client(), keyPrefix: prefix }),
    });
    installOp(registry, Ping, () => ({}));
    const call = () =>
      execute(registry, {
        name: 'ops.ping',
        input: {},
        transport: 'internal',
        context: { actor: 'user', userId: 'dave' },
      });
    const results = [await call(), await call(), await call()];
    expect(results.map((r) => r.ok)).toEqual([true, true, false]);
    const third = results[2];
    expect(third?.ok === false && third.error.code).toBe('RATE_LIMITED');
    expect(third?.ok === false && third.error.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });
});
