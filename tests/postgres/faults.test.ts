// Faults injected at each step of the unit of work — a throw (PGlite and PostgreSQL), and the process
// killed while calls are held at every step (PostgreSQL) — then recovery by retrying with the same
// idempotency key. Afterwards, for every key: exactly one state change, one audit success and one
// event.
import { execute } from '@lssm/lib.contracts';
import {
  createPostgresRuntime,
  type Driver,
  type PostgresRuntime,
  pgDriver,
  verifyAuditChain,
} from '@lssm/lib.postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The package's test helper: PGlite started from a cached image (seconds faster than a fresh one).
import { testPgliteDriver } from '../../packages/postgres/src/test-drivers.fixture.js';
import { appTablesSql, buildApp, FAULT_STEPS, type FaultStep } from './fixtures/app.js';
import { PG_URL, pgUp, randomName, skipNote, startChild } from './helpers.js';

const pgIsUp = await pgUp();
if (!pgIsUp) skipNote(false, 'PostgreSQL', PG_URL);
const alice = { actor: 'user' as const, userId: 'alice', tenantId: 'acme' };

function increment(registry: ReturnType<typeof buildApp>, step: FaultStep, key: string) {
  return execute(registry, {
    name: 'counter.increment',
    input: { counter: `fault-${step}`, amount: 1 },
    transport: 'internal',
    context: alice,
    idempotencyKey: key,
  });
}

/** For each key: state changes, audit successes (first runs, not replays) and events, all from the database. */
async function invariant(driver: Driver, schema: string, keys: readonly string[]) {
  const s = `"${schema}"`;
  const per = async (sql: string) => {
    const rows = await driver.query<{ k: string; n: number }>(sql, [keys]);
    return Object.fromEntries(keys.map((k) => [k, rows.rows.find((r) => r.k === k)?.n ?? 0]));
  };
  return {
    changes: await per(`SELECT idempotency_key AS k, count(*)::integer AS n FROM ${s}.effects
      WHERE idempotency_key = ANY($1::text[]) GROUP BY 1`),
    auditSuccesses: await per(`SELECT idempotency_key AS k, count(*)::integer AS n FROM ${s}.audit_log
      WHERE idempotency_key = ANY($1::text[]) AND outcome = 'success' AND NOT replayed GROUP BY 1`),
    events: await per(`SELECT e.idempotency_key AS k, count(*)::integer AS n FROM ${s}.outbox o
      JOIN ${s}.effects e ON e.request_id = o.request_id WHERE e.idempotency_key = ANY($1::text[]) GROUP BY 1`),
    counters: await per(`SELECT 'key-' || substr(name, 7) AS k, value AS n FROM ${s}.counters
      WHERE 'key-' || substr(name, 7) = ANY($1::text[])`),
  };
}

const ones = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, 1]));

const drivers = [
  { name: 'pglite', open: testPgliteDriver },
  ...(pgIsUp
    ? [{ name: 'pg', open: async () => pgDriver({ connectionString: PG_URL, pool: { max: 4 } }) }]
    : []),
];

describe.each(drivers)('a fault thrown at each step of the unit of work ($name)', ({ open }) => {
  const schema = randomName('ft');
  let driver: Driver;
  let pg: PostgresRuntime;
  beforeAll(async () => {
    driver = await open();
    await driver.exec(appTablesSql(schema));
    pg = await createPostgresRuntime({ driver, schema });
  }, 60_000);
  afterAll(async () => {
    await driver.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await driver.close();
  });

  it('fails the call, and a retry with the same key leaves exactly one of each', async () => {
    const keys = FAULT_STEPS.map((step) => `key-${step}`);
    for (const step of FAULT_STEPS) {
      const faulty = buildApp(pg, { fault: { step, mode: 'throw' } });
      const first = await increment(faulty, step, `key-${step}`);
      expect(first, step).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
      const retried = await increment(buildApp(pg), step, `key-${step}`);
      // After a commit the work is done: the retry replays it; before, the retry runs it.
      expect(retried, step).toMatchObject({
        ok: true,
        output: { value: 1 },
        replayed: step === 'after-commit',
      });
    }
    const seen = await invariant(driver, schema, keys);
    expect(seen).toEqual({
      changes: ones(keys),
      auditSuccesses: ones(keys),
      events: ones(keys),
      counters: ones(keys),
    });
    expect((await pg.verifyAudit()).ok).toBe(true);
  }, 60_000);
});

describe.skipIf(!pgIsUp)('the process killed at each step of the unit of work (PostgreSQL)', () => {
  // One schema per step: each crashed call has its own audit chain, tables and key.
  const schemas = FAULT_STEPS.map(() => randomName('fk'));
  const driver = pgDriver({ connectionString: PG_URL, pool: { max: 3 } });
  beforeAll(async () => {
    for (const schema of schemas) {
      await driver.exec(appTablesSql(schema));
      await createPostgresRuntime({ driver, schema });
    }
  }, 30_000);
  afterAll(async () => {
    for (const schema of schemas) await driver.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await driver.close();
  });

  it('loses or doubles nothing: a retry after the crash leaves exactly one of each per key', async () => {
    const started = Date.now();
    const crash = startChild('fixtures/crash-all.ts', { DATABASE_URL: PG_URL, SCHEMAS: schemas.join(',') });
    expect(await crash.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(crash.lines.sort()).toEqual(FAULT_STEPS.map((step) => `HOLDING ${step}`).sort());
    const crashedIn = Date.now() - started;

    const outcomes: Record<string, boolean> = {};
    for (const [i, step] of FAULT_STEPS.entries()) {
      const schema = schemas[i] ?? '';
      // The crashed call left its key in flight; with a 1 s lock timeout a retry takes it over.
      const pg = await createPostgresRuntime({ driver, schema, migrate: false, lockTimeoutSeconds: 1 });
      const registry = buildApp(pg);
      for (let attempt = 1; ; attempt++) {
        const result = await increment(registry, step, `key-${step}`);
        if (result.ok) {
          expect(result.output, step).toEqual({ value: 1 });
          outcomes[step] = result.replayed;
          break;
        }
        expect(result.error.code, step).toBe('CONFLICT');
        expect(attempt, step).toBeLessThan(40);
        await new Promise((r) => setTimeout(r, 100));
      }
      const key = [`key-${step}`];
      expect(await invariant(driver, schema, key), step).toEqual({
        changes: ones(key),
        auditSuccesses: ones(key),
        events: ones(key),
        counters: ones(key),
      });
      expect((await verifyAuditChain(driver, { schema })).ok, step).toBe(true);
    }
    console.log(
      `[faults] one process killed with a call held at each of the 6 steps: ${crashedIn} ms; recovered in ${Date.now() - started - crashedIn} ms`,
    );
    // Only the call killed after its commit had finished its work: its retry replays it.
    expect(outcomes).toEqual(Object.fromEntries(FAULT_STEPS.map((step) => [step, step === 'after-commit'])));
  }, 90_000);
});
