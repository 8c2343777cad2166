// The one seam between the app and its infrastructure: the database (migrated and seeded), the
// framework's durable ports on it, Stripe, and the outbox relay. Made once per process, on first
// use (never at build time), and shared through globalThis so every bundle Next.js makes of this
// module sees the same database.
import { join } from 'node:path';
import type { RuntimeOptions } from '@lssm/lib.contracts';
import { createPostgresRuntime, type PostgresRuntime, sinkOf } from '@lssm/lib.postgres';
import { type BillingConfig, readConfig } from './config.js';
import { type Database, openDatabase } from './db/database.js';
import { DeferredUnitOfWork } from './db/deferred-unit-of-work.js';
import { seedDemoData } from './db/seed.js';
import { connectStripe, type StripeConnection } from './integrations/stripe.js';
import { type BillingRateLimits, billingRateLimits } from './rate-limit.js';
import { loadSecrets, type Secrets } from './secrets.js';

/** Everything the handlers and pages use beyond the request. */
export interface BillingRuntime {
  readonly config: BillingConfig;
  readonly secrets: Secrets;
  readonly database: Database;
  readonly ports: PostgresRuntime;
  readonly unitOfWork: DeferredUnitOfWork;
  readonly stripe: StripeConnection;
  readonly rateLimits: BillingRateLimits;
  close(): Promise<void>;
}

async function start(): Promise<BillingRuntime> {
  const config = readConfig();
  const secrets = loadSecrets(config.dataDir);
  const database = await openDatabase(
    config.databaseUrl === undefined
      ? { dataDir: join(config.dataDir, 'pglite') }
      : { url: config.databaseUrl },
  );
  await database.migrate(join(config.appDir, 'drizzle'));
  const ports = await createPostgresRuntime({ driver: database.driver });
  if (await seedDemoData(database.db)) console.log('billing: seeded the demo tenants, users and invoices');
  const stripe = await connectStripe(config);
  const relay = ports.createRelay({
    pollIntervalMs: 5_000,
    sinks: [
      sinkOf('log', (event) => console.log(`billing: event ${event.name} ${JSON.stringify(event.payload)}`)),
    ],
  });
  relay.start();
  const rateLimits = billingRateLimits(config);
  return {
    config,
    secrets,
    database,
    ports,
    unitOfWork: new DeferredUnitOfWork(database.driver, database.orm),
    stripe,
    rateLimits,
    async close() {
      await relay.stop();
      await rateLimits.close();
      await stripe.close();
      await database.close();
    },
  };
}

const KEY = Symbol.for('lssm.billing.runtime');
type Holder = { [KEY]?: Promise<BillingRuntime> };

/** The runtime, started on first call. A failed start is forgotten, so the next call tries again. */
export function billingRuntime(): Promise<BillingRuntime> {
  const holder = globalThis as Holder;
  let running = holder[KEY];
  if (running === undefined) {
    running = start();
    holder[KEY] = running;
    running.catch(() => {
      if (holder[KEY] === running) delete holder[KEY];
    });
  }
  return running;
}

/**
 * The registry's ports, usable at once: each call waits for the runtime, then goes to the durable
 * implementation (unit of work on the app's database, audit trail, idempotency keys, outbox).
 * The `tx` the pipeline hands back is the unit of work's own DeferredTransaction; the stores only
 * call `query` on it (their parameter type names the transaction kinds they know, hence `never`).
 */
export const lazyPorts: RuntimeOptions = {
  unitOfWork: { run: async (work) => (await billingRuntime()).unitOfWork.run(work) },
  audit: { append: async (record, tx) => (await billingRuntime()).ports.audit.append(record, tx as never) },
  idempotency: {
    begin: async (claim) => (await billingRuntime()).ports.idempotency.begin(claim),
    complete: async (claim, response, tx) =>
      (await billingRuntime()).ports.idempotency.complete(claim, response, tx as never),
    release: async (claim) => (await billingRuntime()).ports.idempotency.release(claim),
  },
  rateLimiter: {
    consume: async (key, limit, windowSeconds) =>
      (await billingRuntime()).rateLimits.limiter.consume(key, limit, windowSeconds),
  },
  outbox: {
    enqueue: async (events, tx) => (await billingRuntime()).ports.outbox.enqueue(events, tx as never),
    afterCommit: () => {
      void billingRuntime().then((runtime) => runtime.ports.outbox.afterCommit());
    },
  },
};
