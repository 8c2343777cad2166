// Durable captures: the tutorial's capture with the PostgreSQL audit chain, idempotency keys and
// outbox, served by one and then three server processes on one fresh database; sustained
// captures/s over a fixed window, then a check that the chain verifies and every count matches.
import { createPostgresRuntime, pgDriver, tablesIn, verifyAuditChain } from '@lssm/lib.postgres';
import { textTable, writePartResult } from '../results.js';
import { appTablesSql } from './app.js';
import { ADMIN_URL, freshDatabase, pgReachable } from './database.js';
import { type LoadResult, runLoad } from './load.js';
import { type LockSample, sampleLocks } from './lock-sampler.js';
import { type ServerProcess, startServer, stopServers } from './servers.js';

const PROCESSES = [1, 3] as const;
const CONCURRENCY = Number(process.env.BENCH_DURABLE_CONCURRENCY ?? 48);
const POOL = Number(process.env.BENCH_DURABLE_POOL ?? 16);
const WARMUP_MS = Number(process.env.BENCH_DURABLE_WARMUP_MS ?? 2000);
const MEASURE_MS = Number(process.env.BENCH_DURABLE_SECONDS ?? 5) * 1000;
const SCHEMA = 'lssm';

const reachable = await pgReachable();
if (!reachable.up) {
  console.log(`[skipped] durable: PostgreSQL is not answering at ${ADMIN_URL} (${reachable.why}).`);
  console.log('Start it (scripts/services.sh) or set LSSM_BENCH_PG_URL; results/durable.json left alone.');
  process.exit(0);
}

const started = performance.now();
const db = await freshDatabase();
const driver = pgDriver({ connectionString: db.url, pool: { max: 4 } });
const runs: { processes: number; load: LoadResult; locks: LockSample }[] = [];
let servers: ServerProcess[] = [];
try {
  await createPostgresRuntime({ driver, schema: SCHEMA });
  await driver.exec(appTablesSql(SCHEMA));
  for (const processes of PROCESSES) {
    const env = { DATABASE_URL: db.url, PG_SCHEMA: SCHEMA, PG_POOL: String(POOL) };
    servers = await Promise.all(Array.from({ length: processes }, () => startServer(env)));
    const sampler = sampleLocks(driver);
    const load = await runLoad({
      urls: servers.map((s) => s.url),
      concurrency: CONCURRENCY,
      warmupMs: WARMUP_MS,
      measureMs: MEASURE_MS,
      tag: `p${processes}`,
    });
    const locks = await sampler.stop();
    await stopServers(servers);
    servers = [];
    runs.push({ processes, load, locks });
  }

  // Afterwards: one payment, one successful audit record and one event per 200 answer; a chain that verifies.
  const t = tablesIn(SCHEMA);
  const count = async (from: string) =>
    Number((await driver.query<{ n: string }>(`SELECT count(*) AS n FROM ${from}`)).rows[0]?.n);
  const okAnswers = runs.reduce((sum, r) => sum + r.load.okTotal, 0);
  const counts = {
    okAnswers,
    payments: await count(`"${SCHEMA}".payments`),
    auditSuccess: await count(
      `${t.auditLog} WHERE outcome = 'success' AND operation = 'billing.capturePayment'`,
    ),
    auditAll: await count(t.auditLog),
    outbox: await count(t.outbox),
    idempotencyKeys: await count(t.idempotency),
  };
  const verified = await verifyAuditChain(driver, { schema: SCHEMA });
  const failures = runs.flatMap((r) =>
    Object.entries(r.load.statuses)
      .filter(([status]) => status !== '200')
      .map(([status, n]) => `${r.processes} process(es): ${n} x ${status}`),
  );
  const countsMatch = [
    counts.payments,
    counts.auditSuccess,
    counts.auditAll,
    counts.outbox,
    counts.idempotencyKeys,
  ].every((n) => n === okAnswers);

  const fmt = (n: number, d = 0) =>
    n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
  const rows = runs.map((r) => ({
    processes: r.processes,
    capturesPerSecond: Math.round(r.load.capturesPerSecond),
    p50Ms: Math.round(r.load.p50Ms * 10) / 10,
    p99Ms: Math.round(r.load.p99Ms * 10) / 10,
    activeStatements: Math.round(r.locks.active * 10) / 10,
    waitingOnLock: Math.round(r.locks.waitingOnLock * 10) / 10,
    answers: r.load.statuses,
  }));
  console.log(
    `\ndurable captures on PostgreSQL: ${CONCURRENCY} in flight, ${MEASURE_MS / 1000} s after ${WARMUP_MS / 1000} s warm-up\n`,
  );
  console.log(
    textTable(
      ['processes', 'captures/s', 'p50 ms', 'p99 ms', 'pg active', 'on lock', 'answers'],
      rows.map((r) => [
        String(r.processes),
        fmt(r.capturesPerSecond),
        fmt(r.p50Ms, 1),
        fmt(r.p99Ms, 1),
        fmt(r.activeStatements, 1),
        fmt(r.waitingOnLock, 1),
        Object.entries(r.answers)
          .map(([s, n]) => `${n} x ${s}`)
          .join(', '),
      ]),
    ),
  );
  const scaling = (rows[1]?.capturesPerSecond ?? 0) / (rows[0]?.capturesPerSecond ?? 1);
  console.log(`\n3 processes / 1 process: ${scaling.toFixed(2)}x`);
  console.log(
    `after the runs: ${JSON.stringify(counts)}; audit chain ${verified.ok ? `verifies (${verified.count} records)` : `BROKEN at ${verified.brokenAt}: ${verified.reason}`}`,
  );
  const goals = [
    {
      goal: 'every capture answered 200, the audit chain verifies, and payments = audit records = outbox events = idempotency keys = 200 answers',
      value: `${failures.length === 0 ? 'no failed answers' : failures.join('; ')}; chain ${verified.ok ? 'verifies' : 'broken'}; ${JSON.stringify(counts)}`,
      met: failures.length === 0 && verified.ok && countsMatch,
    },
  ];
  for (const g of goals) console.log(`goal ${g.met ? 'MET' : 'NOT MET'}: ${g.goal}`);
  const path = writePartResult({
    part: 'durable',
    title: 'Durable captures on PostgreSQL',
    date: new Date().toISOString(),
    rows,
    goals,
    notes: [
      "The tutorial's billing.capturePayment with its invoice owner rule (invoice read from PostgreSQL), a required idempotency key, one billing.paymentCaptured event (outbox) and the hash-chained audit record, all through createPostgresRuntime(pgDriver) in one transaction per call.",
      'The handler is a cheap stand-in for Stripe: it inserts the payment row and emits the event, so the figures are the cost of the durable stores, not of a payment provider.',
      `Load: ${CONCURRENCY} callers in the parent process, each posting one capture after another over keep-alive HTTP on 127.0.0.1, round-robin over the servers, a fresh idempotency key per call; ${WARMUP_MS / 1000} s warm-up, then ${MEASURE_MS / 1000} s measured (200 answers completed in the window).`,
      `Servers: node:http + createNodeHandler, run from the TypeScript source (tsx), NODE_ENV=production, ${POOL} pooled connections each; a fresh database on ${new URL(ADMIN_URL).host}, dropped afterwards. The outbox relay is not running (events stay in the outbox).`,
      "Servers, PostgreSQL and the load generator share the same cores: three processes cannot scale past what the cores and the audit chain's single head row allow.",
      `3 processes / 1 process: ${scaling.toFixed(2)}x.`,
    ],
  });
  console.log(`wrote ${path} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (!goals.every((g) => g.met)) process.exitCode = 1;
} finally {
  await stopServers(servers);
  await driver.close();
  await db.drop();
}
