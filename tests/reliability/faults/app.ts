// The billing example under test, in this process: its runtime on PostgreSQL or PGlite with the
// traced seams (seams.ts) swapped in, the Stripe emulator, and closing it all.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresRuntime } from '@lssm/lib.postgres';
import { type StripeEmulator, startStripeEmulator } from '@lssm/stripe-emulator';
import Stripe from 'stripe';
import { DeferredUnitOfWork } from '../../../examples/billing/lib/db/deferred-unit-of-work.js';
import { registry } from '../../../examples/billing/lib/registry.js';
import { type BillingRuntime, billingRuntime } from '../../../examples/billing/lib/runtime.js';
import { freshDatabase, throughPort } from './postgres.js';
import { DEFAULT_TIMEOUTS, holdDatabaseFor, type Timeouts, TracedHttpClient, tracedDriver } from './seams.js';
import { WebhookInbox } from './webhook-inbox.js';

/** Where the app finds Stripe. */
export interface StripeTarget {
  readonly url: string;
  readonly secretKey: string;
  readonly webhookSecret: string;
}

/** A 32-byte session secret shared by the test and its child processes. */
export const SESSION_SECRET = 'faults-suite-session-secret-0123456789abcdef';

/**
 * Starts the app's runtime (migrations, seed) on `databaseUrl` or a PGlite `dataDir`, then swaps in
 * the traced one, with a short handler timeout and no rate limit (60 captures a minute per user
 * would cap the runs; the limit is not under test here).
 */
export async function openBillingApp(target: {
  readonly stripe: StripeTarget;
  readonly databaseUrl?: string;
  readonly dataDir: string;
  readonly timeouts?: Timeouts;
}): Promise<BillingRuntime> {
  const timeouts = target.timeouts ?? DEFAULT_TIMEOUTS;
  holdDatabaseFor(timeouts.handlerMs + 300);
  Object.assign(process.env, {
    BILLING_APP_DIR: new URL('../../../examples/billing/', import.meta.url).pathname,
    BILLING_DATA_DIR: target.dataDir,
    DATABASE_URL: target.databaseUrl ?? '',
    PUBLIC_URL: 'http://127.0.0.1:9',
    SESSION_SECRET,
    STRIPE_API_BASE: target.stripe.url,
    STRIPE_SECRET_KEY: target.stripe.secretKey,
    STRIPE_WEBHOOK_SECRET: target.stripe.webhookSecret,
  });
  const base = await billingRuntime();
  const driver = tracedDriver(base.database.driver);
  const api = new URL(target.stripe.url);
  const traced: BillingRuntime = {
    ...base,
    database: { ...base.database, driver },
    // Above the handler timeout, so a crashed call's key is taken over within a test's time.
    ports: await createPostgresRuntime({
      driver,
      migrate: false,
      lockTimeoutSeconds: Math.ceil(timeouts.handlerMs / 1000) + 1,
    }),
    unitOfWork: new DeferredUnitOfWork(driver, base.database.orm),
    stripe: {
      ...base.stripe,
      client: new Stripe(target.stripe.secretKey, {
        maxNetworkRetries: 2,
        timeout: timeouts.stripeMs,
        host: api.hostname,
        port: api.port,
        protocol: 'http',
        httpClient: new TracedHttpClient(),
      }),
    },
  };
  (globalThis as Record<symbol, unknown>)[Symbol.for('lssm.billing.runtime')] = Promise.resolve(traced);
  registry.configure({
    handlerTimeoutMs: timeouts.handlerMs,
    rateLimiter: { consume: async () => ({ allowed: true, retryAfterSeconds: 0 }) },
  });
  return traced;
}

/** The app under test, its emulator and its database. */
export interface FaultsApp {
  readonly emulator: StripeEmulator;
  /** Where Stripe's webhooks arrive, when the app was started with them. */
  readonly inbox: WebhookInbox | undefined;
  readonly runtime: BillingRuntime;
  /** The database's URL (PostgreSQL), undefined on PGlite. */
  readonly databaseUrl: string | undefined;
  close(): Promise<void>;
}

/** Starts the emulator (with webhooks to the app's route when asked) and the app on PostgreSQL or PGlite. */
export async function startFaultsApp(options: {
  readonly postgres: boolean;
  readonly webhooks?: boolean;
  readonly timeouts?: Timeouts;
  /** The app reaches PostgreSQL through this port on 127.0.0.1 (a test's proxy) instead. */
  readonly viaPort?: number;
}): Promise<FaultsApp> {
  const inbox = options.webhooks === true ? new WebhookInbox() : undefined;
  const emulator = await startStripeEmulator(
    inbox === undefined ? {} : { webhook: { url: await inbox.listen(), retryDelayMs: 50, maxAttempts: 6 } },
  );
  const database = options.postgres ? await freshDatabase('faults') : undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'billing-faults-'));
  const runtime = await openBillingApp({
    stripe: { url: emulator.url, secretKey: emulator.secretKey, webhookSecret: emulator.webhookSecret },
    databaseUrl: database === undefined ? undefined : throughPort(database.url, options.viaPort),
    dataDir,
    ...(options.timeouts === undefined ? {} : { timeouts: options.timeouts }),
  });
  return {
    emulator,
    inbox,
    runtime,
    databaseUrl: database?.url,
    async close() {
      await emulator.webhooksSettled();
      await runtime.close();
      delete (globalThis as Record<symbol, unknown>)[Symbol.for('lssm.billing.runtime')];
      await emulator.close();
      await inbox?.close();
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
