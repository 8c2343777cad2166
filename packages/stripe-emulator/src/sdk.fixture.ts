import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterEach } from 'vitest';
import { type StripeEmulator, type StripeEmulatorOptions, startStripeEmulator } from './index.js';

const running: Array<() => Promise<void>> = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((stop) => stop()));
});

/** Starts an emulator (closed after the test) and an official SDK client pointing at it. */
export async function emulatorWithSdk(
  options: StripeEmulatorOptions = {},
  sdk: { apiVersion?: string; maxNetworkRetries?: number } = {},
): Promise<{ emu: StripeEmulator; stripe: Stripe }> {
  const emu = await startStripeEmulator(options);
  running.push(() => emu.close());
  // The SDK's StripeConfig types only its pinned API version; the emulator serves older ones too.
  const config = emu.sdkOptions(sdk) as Stripe.StripeConfig;
  return { emu, stripe: new Stripe(emu.secretKey, config) };
}

/** A webhook POST as the receiving server got it. */
export interface ReceivedWebhook {
  raw: string;
  signature: string;
}

function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * A real `node:http` webhook endpoint on 127.0.0.1 (closed after the test) recording raw bodies
 * and `Stripe-Signature` headers; `status(n, raw)` picks the status of the n-th POST (from 1).
 */
export async function webhookReceiver(
  status: (n: number, raw: string) => number = () => 200,
): Promise<{ url: string; received: ReceivedWebhook[] }> {
  const received: ReceivedWebhook[] = [];
  const server = createServer((req, res) => {
    void readAll(req).then((raw) => {
      received.push({ raw, signature: String(req.headers['stripe-signature'] ?? '') });
      res.writeHead(status(received.length, raw)).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  running.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/stripe`, received };
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** Confirmation params that need no `return_url` (cards only, no redirects). */
export const NO_REDIRECTS = {
  automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
} as const;
