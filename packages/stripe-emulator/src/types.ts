import type { FaultControls } from './faults.js';
import type { RecordedRequest } from './http-api.js';
import type { ChargeObject, EventObject, PaymentIntentObject, RefundObject } from './objects.js';
import type { DeliveredEvent } from './webhooks.js';

/** Options of {@link startStripeEmulator}. */
export interface StripeEmulatorOptions {
  /** Port to listen on; default 0 (any free port). */
  port?: number;
  /** Interface to listen on; default `'127.0.0.1'`. */
  host?: string;
  /** The one API key accepted; default `'sk_test_emulator'`. */
  secretKey?: string;
  /**
   * Where to POST signed events. `secret` defaults to `'whsec_emulator'`; `maxAttempts` (default 4)
   * and `retryDelayMs` (default 200, times 4 per retry) bound the retries on non-2xx answers;
   * `apiVersion` is the version of the events' objects (default the SDK's, `2026-10-28.endive`).
   */
  webhook?: {
    url: string;
    secret?: string;
    maxAttempts?: number;
    retryDelayMs?: number;
    apiVersion?: string;
  };
  /** The clock in milliseconds (object `created`, idempotency expiry, signature timestamps); default `Date.now`. */
  clock?: () => number;
}

/**
 * Options for the official SDK pointing at the emulator: `new Stripe(emu.secretKey, emu.sdkOptions())`.
 * `V` is the API version asked for: none by default (the SDK sends its pin, and the SDK's
 * `StripeConfig` types only that one, so an older version needs a cast there).
 */
export interface EmulatorSdkOptions<V extends string = never> {
  host: string;
  port: number;
  protocol: 'http';
  apiVersion?: V;
  maxNetworkRetries?: number;
}

/** A running Stripe emulator. */
export interface StripeEmulator {
  /** Base URL, e.g. `http://127.0.0.1:12111`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly protocol: 'http';
  /** The API key the emulator accepts. */
  readonly secretKey: string;
  /** The secret webhook signatures are made with. */
  readonly webhookSecret: string;
  /** SDK options for this emulator, optionally with an older `apiVersion` or `maxNetworkRetries`. */
  sdkOptions<V extends string = never>(extra?: {
    apiVersion?: V;
    maxNetworkRetries?: number;
  }): EmulatorSdkOptions<V>;
  /** Fault injection: delays, 5xx answers (with `Stripe-Should-Retry`), answers lost after processing. */
  readonly faults: FaultControls;
  /** Every API request received, oldest first. */
  requests(): readonly RecordedRequest[];
  /** Every PaymentIntent, oldest first (current API version shape). */
  paymentIntents(): readonly PaymentIntentObject[];
  /** Every charge (succeeded and failed), oldest first. */
  charges(): readonly ChargeObject[];
  /** Every refund, oldest first. */
  refunds(): readonly RefundObject[];
  /** Every event built, oldest first (delivered or not). */
  events(): readonly EventObject[];
  /** Every webhook delivery attempt: the event, the endpoint's HTTP status or `'failed'`, the attempt number. */
  deliveredEvents(): readonly DeliveredEvent[];
  /** Resolves when no webhook delivery or retry is pending. */
  webhooksSettled(): Promise<void>;
  /**
   * Finishes the 3D Secure step of an intent in `requires_action` as the customer would:
   * `succeed` (default) -> `succeeded` + `payment_intent.succeeded`; else `requires_payment_method`
   * + `payment_intent.payment_failed`. Same as `POST /v1/test_helpers/payment_intents/:id/authenticate`.
   */
  completeAuthentication(intentId: string, succeed?: boolean): Promise<PaymentIntentObject>;
  /** Stops the server (dropping open connections) and pending webhook retries. */
  close(): Promise<void>;
}
