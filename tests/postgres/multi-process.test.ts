// Three stateless server processes on one PostgreSQL database: idempotency across processes, a
// gap-free audit chain with one record per call, and (with Redis) one rate limit for all of them.
import { pgDriver, readAuditLog, verifyAuditChain } from '@lssm/lib.postgres';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appTablesSql } from './fixtures/app.js';
import {
  type Child,
  PG_URL,
  pgUp,
  pool,
  REDIS_URL,
  randomName,
  redisUp,
  skipNote,
  startChild,
} from './helpers.js';

const pgIsUp = await pgUp();
const redisIsUp = await redisUp();

describe.skipIf(skipNote(pgIsUp, 'PostgreSQL', PG_URL))('three server processes on one database', () => {
  const schema = randomName('mp');
  const rlPrefix = randomName('lssm_rl');
  const admin = pgDriver({ connectionString: PG_URL, pool: { max: 2 } });
  let servers: Child[] = [];
  let urls: string[] = [];
  const count = async (sql: string, params: unknown[] = []) =>
    (await admin.query<{ n: number }>(`SELECT count(*)::integer AS n FROM ${sql}`, params)).rows[0]?.n;

  beforeAll(async () => {
    await admin.exec(appTablesSql(schema));
    const started = Date.now();
    // All three migrate at once: the advisory lock makes one of them apply each step.
    servers = [0, 1, 2].map(() =>
      startChild('fixtures/server.ts', {
        DATABASE_URL: PG_URL,
        PG_SCHEMA: schema,
        ...(redisIsUp ? { REDIS_URL, RL_PREFIX: rlPrefix } : {}),
      }),
    );
    const ports = await Promise.all(servers.map((s) => s.waitFor(/^LISTENING (\d+)$/)));
    urls = ports.map((m) => `http://127.0.0.1:${m[1]}/api/ops`);
    console.log(`[multi-process] 3 servers up in ${Date.now() - started} ms`);
  }, 90_000);

  afterAll(async () => {
    for (const s of servers) s.process.kill('SIGTERM');
    await Promise.all(servers.map((s) => s.exited));
    await admin.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    if (redisIsUp) {
      const redis = new Redis(REDIS_URL);
      const keys = await redis.keys(`${rlPrefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    }
    await admin.close();
  }, 30_000);

  const post = async (server: number, op: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${urls[server % urls.length]}/${op}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer alice', ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
  };

  it('applied each migration once although three processes migrated together', async () => {
    expect(await count(`"${schema}".migrations`)).toBe(3);
  });

  it('run 200 concurrent calls with one idempotency key exactly once across the processes', async () => {
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        post(i, 'counter.increment', { counter: 'idem', amount: 1 }, { 'idempotency-key': 'same-key' }),
      ),
    );
    const final = await post(
      0,
      'counter.increment',
      { counter: 'idem', amount: 1 },
      { 'idempotency-key': 'same-key' },
    );
    console.log(`[multi-process] 200 concurrent calls, one key: ${Date.now() - started} ms`);
    const statuses = answers.map((a) => a.status);
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    expect(
      answers.filter((a) => a.status === 200 && a.headers.get('idempotent-replayed') === null),
    ).toHaveLength(1);
    for (const a of answers.filter((x) => x.status === 200)) expect(a.body).toEqual({ value: 1 });
    expect(final).toMatchObject({ status: 200, body: { value: 1 } });
    expect(final.headers.get('idempotent-replayed')).toBe('true');
    expect(await count(`"${schema}".effects WHERE idempotency_key = 'same-key'`)).toBe(1);
    expect(await count(`"${schema}".outbox WHERE payload::jsonb->>'counter' = 'idem'`)).toBe(1);
    expect(
      await count(
        `"${schema}".audit_log WHERE idempotency_key = 'same-key' AND outcome = 'success' AND NOT replayed`,
      ),
    ).toBe(1);
  }, 60_000);

  it('keep one audit record per call for 1,000 mixed calls, and a chain that verifies', async () => {
    const kinds = [
      'increment',
      'increment',
      'increment',
      'increment',
      'keyed',
      'too-much',
      'invalid',
      'forbidden',
      'anonymous',
      'read',
    ] as const;
    const started = Date.now();
    const answers = await pool(1000, 48, async (i) => {
      const kind = kinds[i % kinds.length] ?? 'increment';
      const headers: Record<string, string> = { 'x-request-id': `mix-${i}` };
      const counter = `c${i % 7}`;
      switch (kind) {
        case 'increment':
          return { kind, ...(await post(i, 'counter.increment', { counter, amount: (i % 5) + 1 }, headers)) };
        case 'keyed':
          return {
            kind,
            ...(await post(
              i,
              'counter.increment',
              { counter, amount: 1 },
              { ...headers, 'idempotency-key': `k-${i}` },
            )),
          };
        case 'too-much':
          return { kind, ...(await post(i, 'counter.increment', { counter, amount: 500 }, headers)) };
        case 'invalid':
          return { kind, ...(await post(i, 'counter.increment', { counter, amount: -1 }, headers)) };
        case 'forbidden':
          return { kind, ...(await post(i, 'counter.reset', { counter }, headers)) };
        case 'anonymous':
          return {
            kind,
            ...(await post(
              i,
              'counter.increment',
              { counter, amount: 1 },
              { ...headers, authorization: '' },
            )),
          };
        case 'read':
          return { kind, ...(await post(i, 'counter.read', { counter }, headers)) };
      }
    });
    const elapsed = Date.now() - started;
    const expected = {
      increment: 200,
      keyed: 200,
      'too-much': 422,
      invalid: 400,
      forbidden: 403,
      anonymous: 401,
      read: 200,
    };
    for (const a of answers) expect(a.status, a.kind).toBe(expected[a.kind]);
    const verifyStarted = Date.now();
    const verified = await verifyAuditChain(admin, { schema });
    console.log(
      `[multi-process] 1,000 mixed calls over 3 processes: ${elapsed} ms; verify ${verified.ok ? verified.count : -1} records: ${Date.now() - verifyStarted} ms`,
    );
    expect(verified.ok).toBe(true);
    const perCall = await admin.query<{ request_id: string; n: number; outcome: string }>(
      `SELECT request_id, count(*)::integer AS n, min(outcome) AS outcome FROM "${schema}".audit_log
        WHERE request_id LIKE 'mix-%' GROUP BY request_id`,
    );
    expect(perCall.rows).toHaveLength(1000);
    expect(perCall.rows.every((r) => r.n === 1)).toBe(true);
    const outcomes = Object.fromEntries(perCall.rows.map((r) => [r.request_id, r.outcome]));
    for (const [i, a] of answers.entries()) {
      const want = a.status === 200 ? 'success' : a.status === 401 || a.status === 403 ? 'denied' : 'error';
      expect(outcomes[`mix-${i}`], `mix-${i}`).toBe(want);
    }
    // State changes = audit successes of increments = events.
    const increments = answers.filter((a) => a.status === 200 && a.kind !== 'read').length;
    expect(await count(`"${schema}".effects WHERE request_id LIKE 'mix-%'`)).toBe(increments);
    expect(await count(`"${schema}".outbox WHERE request_id LIKE 'mix-%'`)).toBe(increments);
    expect(
      await count(
        `"${schema}".audit_log WHERE request_id LIKE 'mix-%' AND outcome = 'success' AND operation = 'counter.increment'`,
      ),
    ).toBe(increments);
    const sample = (await readAuditLog(admin, { schema, limit: 10_000 })).find(
      (r) => r.requestId === 'mix-7',
    );
    expect(sample).toMatchObject({
      outcome: 'denied',
      errorCode: 'FORBIDDEN',
      decision: { allowed: false, rule: 'auth' },
    });
  }, 120_000);

  it.skipIf(skipNote(redisIsUp, 'Redis', REDIS_URL))(
    'share one rate limit across the processes (Redis)',
    async () => {
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          post(i, 'counter.limited', { counter: 'c0' }, { authorization: 'Bearer bob' }),
        ),
      );
      const limited = answers.filter((a) => a.status === 429);
      expect(answers.filter((a) => a.status === 200)).toHaveLength(20);
      expect(limited).toHaveLength(10);
      for (const a of limited) expect(Number(a.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    },
    30_000,
  );
});
