import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_API_VERSION } from './api-version.js';
import { completeAuthentication } from './authentication.js';
import { FaultTable } from './faults.js';
import { createApiListener, type RecordedRequest } from './http-api.js';
import { IdempotencyStore } from './idempotency.js';
import { EmulatorState } from './state.js';
import type { EmulatorSdkOptions, StripeEmulator, StripeEmulatorOptions } from './types.js';
import { WebhookSender } from './webhooks.js';

function copy<T>(value: T): T {
  return structuredClone(value);
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts a local Stripe API emulator on loopback and resolves once it listens. The official SDK
 * talks to it with `new Stripe(emu.secretKey, emu.sdkOptions())`; nothing reaches the real Stripe.
 * @example
 * const emu = await startStripeEmulator({ webhook: { url: 'http://127.0.0.1:3000/stripe' } });
 * const stripe = new Stripe(emu.secretKey, emu.sdkOptions());
 * await stripe.paymentIntents.create({ amount: 1999, currency: 'usd', payment_method: 'pm_card_visa', confirm: true,
 *   automatic_payment_methods: { enabled: true, allow_redirects: 'never' } });
 * await emu.close();
 */
export async function startStripeEmulator(options: StripeEmulatorOptions = {}): Promise<StripeEmulator> {
  const host = options.host ?? '127.0.0.1';
  const secretKey = options.secretKey ?? 'sk_test_emulator';
  const webhookSecret = options.webhook?.secret ?? 'whsec_emulator';
  const clock = options.clock ?? Date.now;
  const sender = new WebhookSender({
    url: options.webhook?.url,
    secret: webhookSecret,
    apiVersion: options.webhook?.apiVersion ?? DEFAULT_API_VERSION,
    maxAttempts: options.webhook?.maxAttempts ?? 4,
    retryDelayMs: options.webhook?.retryDelayMs ?? 200,
    clock,
  });
  const state = new EmulatorState(clock, '', sender);
  const faults = new FaultTable();
  const recorded: RecordedRequest[] = [];
  const listener = createApiListener({
    state,
    idempotency: new IdempotencyStore(clock),
    faults,
    secretKey,
    defaultApiVersion: DEFAULT_API_VERSION,
    recorded,
  });
  const server = createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port; // listening on TCP: address() is an AddressInfo
  const url = `http://${hostForUrl(host)}:${port}`;
  state.baseUrl = url;
  let closing: Promise<void> | undefined;

  return {
    url,
    host,
    port,
    protocol: 'http',
    secretKey,
    webhookSecret,
    faults,
    sdkOptions<V extends string = never>(
      extra: { apiVersion?: V; maxNetworkRetries?: number } = {},
    ): EmulatorSdkOptions<V> {
      const sdk: EmulatorSdkOptions<V> = { host, port, protocol: 'http' };
      if (extra.apiVersion !== undefined) sdk.apiVersion = extra.apiVersion;
      if (extra.maxNetworkRetries !== undefined) sdk.maxNetworkRetries = extra.maxNetworkRetries;
      return sdk;
    },
    requests: () => recorded.map(copy),
    paymentIntents: () => [...state.intents.values()].map((record) => copy(record.intent)),
    charges: () => [...state.charges.values()].map(copy),
    refunds: () => [...state.refunds.values()].map(copy),
    events: () => sender.events().map(copy),
    deliveredEvents: () => sender.deliveries(),
    webhooksSettled: () => sender.idle(),
    completeAuthentication: async (intentId, succeed = true) =>
      copy(completeAuthentication(state, intentId, succeed)),
    close() {
      closing ??= new Promise<void>((resolve) => {
        sender.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
