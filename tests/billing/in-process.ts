// The billing app's runtime in the test process: a Stripe emulator, PGlite in a temporary folder
// with the app's migrations, configured through the same environment variables `npm start` sets.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type StripeEmulator, type StripeEmulatorOptions, startStripeEmulator } from '@lssm/stripe-emulator';
import { billingRuntime } from '../../examples/billing/lib/runtime.js';
import { APP_DIR } from '../../examples/billing/scripts/ensure-build.js';

/** A started in-process app: its emulator, and a close that removes everything it made. */
export interface InProcessBilling {
  readonly emulator: StripeEmulator;
  close(): Promise<void>;
}

/** Options of {@link startInProcessBilling}. */
export interface InProcessBillingOptions {
  /** PUBLIC_URL (default `http://127.0.0.1:9`: nothing listens there). */
  readonly publicUrl?: string;
  /** SESSION_SECRET, for tests that sign tokens themselves (default: the app makes one in its data folder). */
  readonly sessionSecret?: string;
  /** The emulator's options (its secret key and webhook secret become the app's). */
  readonly emulator?: StripeEmulatorOptions;
}

/** Starts the app's runtime (one per test file: `billingRuntime()` is a process-wide singleton). */
export async function startInProcessBilling(
  name: string,
  options: InProcessBillingOptions = {},
): Promise<InProcessBilling> {
  const emulator = await startStripeEmulator(options.emulator);
  const dataDir = mkdtempSync(join(tmpdir(), `billing-${name}-`));
  Object.assign(process.env, {
    BILLING_APP_DIR: APP_DIR,
    BILLING_DATA_DIR: dataDir,
    DATABASE_URL: '',
    PUBLIC_URL: options.publicUrl ?? 'http://127.0.0.1:9',
    STRIPE_API_BASE: emulator.url,
    STRIPE_SECRET_KEY: emulator.secretKey,
    STRIPE_WEBHOOK_SECRET: emulator.webhookSecret,
  });
  if (options.sessionSecret !== undefined) process.env.SESSION_SECRET = options.sessionSecret;
  const removeFiles = async () => {
    await emulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await billingRuntime();
  } catch (error) {
    await removeFiles();
    throw error;
  }
  return {
    emulator,
    close: async () => {
      await (await billingRuntime()).close();
      // The next start in this process (another file in the same worker) makes a fresh runtime.
      Reflect.deleteProperty(globalThis, Symbol.for('lssm.billing.runtime'));
      await removeFiles();
    },
  };
}
