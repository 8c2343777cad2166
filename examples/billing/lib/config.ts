// Settings from the environment, with the defaults `npm start` relies on.
import { isAbsolute, join, resolve } from 'node:path';

/** What the app reads from its environment. */
export interface BillingConfig {
  /** The app's directory (migrations live in `drizzle/` under it). */
  readonly appDir: string;
  /** Secrets, and the PGlite database unless DATABASE_URL is set (default `.data/`). */
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  /** The URL people and Stripe reach the app at (default http://localhost:3000). */
  readonly publicUrl: string;
  /** Redis for rate limits shared by every process (REDIS_URL; key prefix RATE_LIMIT_PREFIX). */
  readonly redis: { readonly url: string; readonly keyPrefix: string } | undefined;
  readonly stripe: {
    /** A real `sk_test_...` key, or the emulator's. */
    readonly secretKey: string | undefined;
    /** Where the Stripe API is, when not api.stripe.com (the emulator). */
    readonly apiBase: string | undefined;
    readonly webhookSecret: string | undefined;
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/**
 * Reads the configuration: BILLING_APP_DIR, BILLING_DATA_DIR, DATABASE_URL, PUBLIC_URL (or PORT),
 * REDIS_URL, RATE_LIMIT_PREFIX, STRIPE_SECRET_KEY, STRIPE_API_BASE, STRIPE_WEBHOOK_SECRET.
 */
export function readConfig(env: Readonly<Record<string, string | undefined>> = process.env): BillingConfig {
  const appDir = resolve(nonEmpty(env.BILLING_APP_DIR) ?? process.cwd());
  const dataDir = nonEmpty(env.BILLING_DATA_DIR) ?? '.data';
  const redisUrl = nonEmpty(env.REDIS_URL);
  return {
    appDir,
    dataDir: isAbsolute(dataDir) ? dataDir : join(appDir, dataDir),
    databaseUrl: nonEmpty(env.DATABASE_URL),
    publicUrl: nonEmpty(env.PUBLIC_URL) ?? `http://localhost:${nonEmpty(env.PORT) ?? '3000'}`,
    redis:
      redisUrl === undefined
        ? undefined
        : { url: redisUrl, keyPrefix: nonEmpty(env.RATE_LIMIT_PREFIX) ?? 'billing:rl' },
    stripe: {
      secretKey: nonEmpty(env.STRIPE_SECRET_KEY),
      apiBase: nonEmpty(env.STRIPE_API_BASE),
      webhookSecret: nonEmpty(env.STRIPE_WEBHOOK_SECRET),
    },
  };
}
