// The Stripe client: the official SDK against api.stripe.com (STRIPE_SECRET_KEY), against an
// emulator somewhere (STRIPE_API_BASE, what `npm start` sets), or, with neither, against an
// emulator started in this process (for `next dev` on its own).
import Stripe from 'stripe';
import type { BillingConfig } from '../config.js';

/** A configured Stripe client and what it talks to. */
export interface StripeConnection {
  readonly client: Stripe;
  readonly mode: 'stripe' | 'emulator';
  /** The emulator's base URL (emulator mode). */
  readonly apiBase: string | undefined;
  /** The webhook signing secret; without it the webhook endpoint refuses every delivery. */
  readonly webhookSecret: string | undefined;
  /** Stops an in-process emulator. */
  close(): Promise<void>;
}

/**
 * Retries (the SDK resends with our idempotency key) within the pipeline's 30 s handler limit:
 * three tries of at most 8 s each, plus the SDK's short backoff, so a Stripe that never answers
 * ends as "outcome unknown" (for the recovery job) before the pipeline's timeout cuts in.
 */
const SDK_OPTIONS = {
  maxNetworkRetries: 2,
  timeout: 8_000,
  appInfo: { name: 'lssm-billing-example' },
} satisfies Stripe.StripeConfig;

function sdkTarget(apiBase: string): Pick<Stripe.StripeConfig, 'host' | 'port' | 'protocol'> {
  const url = new URL(apiBase);
  const protocol = url.protocol === 'https:' ? 'https' : 'http';
  return { host: url.hostname, port: url.port || (protocol === 'https' ? 443 : 80), protocol };
}

/** Connects to Stripe as the configuration says (see the module comment). */
export async function connectStripe(config: BillingConfig): Promise<StripeConnection> {
  const { secretKey, apiBase, webhookSecret } = config.stripe;
  if (apiBase !== undefined) {
    return {
      client: new Stripe(secretKey ?? 'sk_test_emulator', { ...SDK_OPTIONS, ...sdkTarget(apiBase) }),
      mode: 'emulator',
      apiBase,
      webhookSecret: webhookSecret ?? 'whsec_emulator',
      close: async () => undefined,
    };
  }
  if (secretKey !== undefined) {
    return {
      client: new Stripe(secretKey, SDK_OPTIONS),
      mode: 'stripe',
      apiBase: undefined,
      webhookSecret,
      close: async () => undefined,
    };
  }
  const { startStripeEmulator } = await import('@lssm/stripe-emulator');
  const emulator = await startStripeEmulator({ webhook: { url: `${config.publicUrl}/api/webhooks/stripe` } });
  console.log(`billing: no STRIPE_SECRET_KEY; started a Stripe emulator on ${emulator.url}`);
  // No version given: the SDK's pinned version, which the emulator serves by default.
  const { host, port, protocol } = emulator.sdkOptions();
  return {
    client: new Stripe(emulator.secretKey, { ...SDK_OPTIONS, host, port, protocol }),
    mode: 'emulator',
    apiBase: emulator.url,
    webhookSecret: emulator.webhookSecret,
    close: () => emulator.close(),
  };
}
