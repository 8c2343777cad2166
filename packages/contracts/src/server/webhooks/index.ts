export { backoffDelay } from './backoff.js';
export { WebhookDispatcher } from './dispatcher.js';
export type {
  DeadLetter,
  DeliveryAttempt,
  SubscriptionSource,
  Timers,
  WebhookDispatcherOptions,
  WebhookSubscription,
} from './dispatcher-types.js';
export { assertWithinWindow, badSignature, malformedEvent } from './errors.js';
export { makeWebhookHandler, systemContext } from './handler.js';
export { toNodeListener } from './node.js';
export {
  type StandardWebhookEvent,
  type StandardWebhooksVerifierOptions,
  standardWebhooksVerifier,
} from './standard-webhooks.js';
export { type StripeVerifierOptions, stripeVerifier } from './stripe.js';
export type {
  VerifiedWebhook,
  WebhookContextFactory,
  WebhookDelivery,
  WebhookHandlerBaseOptions,
  WebhookHandlerOptions,
  WebhookOutcome,
  WebhookRoute,
  WebhookRoutes,
  WebhookVerifier,
} from './types.js';
