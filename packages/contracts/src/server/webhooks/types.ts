import type { AnyOperationSpec, AppContext, BaseContext, Clock, EventInbox } from '../../index.js';

/** An inbound event whose signature and timestamp were verified. */
export interface VerifiedWebhook<E = unknown> {
  /** Names the sender (`stripe`, `github`...): the inbox keys events by source and id. */
  readonly source: string;
  /** The sender's id of the event: the de-duplication key and the operation's idempotency key. */
  readonly id: string;
  /** The event type the routes are keyed by, e.g. `payment_intent.succeeded`. */
  readonly type: string;
  /** The signed send time. */
  readonly timestamp: Date;
  /** The parsed JSON body (shaped as the sender documents it; the operation's input model is the check). */
  readonly event: E;
}

/** What a verifier is handed for one delivery. */
export interface WebhookDelivery {
  /** The raw body, exactly as received (signatures cover these bytes). */
  readonly body: string;
  readonly headers: Headers;
  readonly now: Date;
  /** How far the signed timestamp may lie from `now`, in the past or in the future. */
  readonly toleranceSeconds: number;
}

/**
 * Checks one sender's signature scheme. `verify` throws a `ContractError` to reject a delivery
 * (`UNAUTHENTICATED` for a bad signature or timestamp, `INVALID_INPUT` for a malformed event).
 * @example makeWebhookHandler(registry, { verifier: stripeVerifier({ secret }), routes })
 */
export interface WebhookVerifier<E = unknown> {
  readonly source: string;
  verify(delivery: WebhookDelivery): Promise<VerifiedWebhook<E>>;
}

/**
 * Which operation an event type runs, and the operation's input built from the event.
 * @example { op: 'billing.completePayment', input: (event) => ({ paymentIntentId: event.data.object.id }) }
 */
export interface WebhookRoute<E> {
  /** The operation's name (latest stable version), or its spec (that exact version). */
  readonly op: string | AnyOperationSpec;
  /** Pins a version when `op` is a name. */
  readonly version?: number;
  /** The operation's wire input; validated by the pipeline like any other call. */
  readonly input: (event: E, webhook: VerifiedWebhook<E>) => unknown;
}

/** The events of type `T` (the whole of `E` when its `type` is a plain string). */
type EventOfType<E, T> = [Extract<E, { readonly type: T }>] extends [never]
  ? E
  : Extract<E, { readonly type: T }>;

/** Routes by event type; each route's `input` receives the event of its own type. Unlisted types are acknowledged and ignored. */
export type WebhookRoutes<E extends { readonly type: string }> = {
  readonly [T in E['type']]?: WebhookRoute<EventOfType<E, T>>;
};

/** Builds the context an event's operation runs with (default: {@link systemContext} of the source). */
export type WebhookContextFactory<E> = (webhook: VerifiedWebhook<E>) => AppContext | Promise<AppContext>;

/** What happened to one delivery, for logs and metrics. */
export interface WebhookOutcome {
  /**
   * `processed` ran (or replayed) the operation; `declined`: it answered a declared domain error
   * (final, acknowledged); `duplicate`: already processed; `in-progress`: being processed (409);
   * `ignored`: no route; `rejected`: signature, timestamp or body refused; `failed`: will be retried.
   */
  readonly outcome:
    | 'processed'
    | 'declined'
    | 'duplicate'
    | 'in-progress'
    | 'ignored'
    | 'rejected'
    | 'failed';
  /** The HTTP status answered. */
  readonly status: number;
  readonly source: string;
  readonly eventId?: string;
  readonly eventType?: string;
  readonly operation?: string;
  readonly requestId: string;
  readonly code?: string;
  /** The original error of a failure, for your logs only (never sent). */
  readonly cause?: unknown;
}

/** The options of {@link makeWebhookHandler} every app has. */
export interface WebhookHandlerBaseOptions<E extends { readonly type: string }> {
  readonly verifier: WebhookVerifier<E>;
  readonly routes: WebhookRoutes<E>;
  /** De-duplicates events by id (default: a {@link MemoryEventInbox} of this handler: one process only). */
  readonly inbox?: EventInbox;
  /** How far a signed timestamp may lie from now, either way (default 300 s). */
  readonly toleranceSeconds?: number;
  /** Default: the registry's clock. */
  readonly clock?: Clock;
  /** Largest body accepted, in bytes (default 1 MiB). */
  readonly bodyLimit?: number;
  /** How long a claim holds before a crashed delivery may be run again (default: handler timeout + 60 s). */
  readonly leaseSeconds?: number;
  /** How long processed event ids are remembered (default 7 days; Stripe retries for 3). */
  readonly retainSeconds?: number;
  /** Called once per delivery with its outcome; errors thrown here are ignored. */
  readonly onOutcome?: (outcome: WebhookOutcome) => void;
}

/** `context` may be left out only while the app's context needs nothing beyond {@link BaseContext}. */
type ContextOption<E> = BaseContext extends AppContext
  ? { readonly context?: WebhookContextFactory<E> }
  : { readonly context: WebhookContextFactory<E> };

/** The options of {@link makeWebhookHandler}. */
export type WebhookHandlerOptions<E extends { readonly type: string }> = WebhookHandlerBaseOptions<E> &
  ContextOption<E>;
