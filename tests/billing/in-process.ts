// The billing app's runtime in the test process: a Stripe emulator, PGlite in a temporary folder
// with the app's migrations, configured through the same environment variables `npm start` sets.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type StripeEmulator, startStripeEmulator } from '@lssm/stripe-emulator';
import { billingRuntime } from '../../examples/billing/lib/runtime.js';
import { APP_DIR } from '../../examples/billing/scripts/ensure-build.js';

/** A started in-process app: its emulator, and a close that removes everything it made. */
export interface InProcessBilling {
  readonly emulator: StripeEmulator;
  close(): Promise<void>;
}

/** Starts the app's runtime (one per test file: `billingRuntime()` is a process-wide singleton). */
export async function startInProcessBilling(
  name: string,
  publicUrl = 'http://127.0.0.1:9',
): Promise<InProcessBilling> {
  const emulator = await startStripeEmulator();
  const dataDir = mkdtempSync(join(tmpdir(), `billing-${name}-`));
  Object.assign(process.env, {
    BILLING_APP_DIR: APP_DIR,
    BILLING_DATA_DIR: dataDir,
    DATABASE_URL: '',
    PUBLIC_URL: publicUrl,
    STRIPE_API_BASE: emulator.url,
    STRIPE_SECRET_KEY: emulator.secretKey,
    STRIPE_WEBHOOK_SECRET: emulator.webhookSecret,
  });
  await billingRuntime();
  return {
    emulator,
    close: async () => {
      await (await billingRuntime()).close();
      await emulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
