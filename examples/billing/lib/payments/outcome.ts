// What a PaymentIntent (or a failed Stripe call) means for an invoice. Every status has its own
// outcome; a call that got no answer is `unknown`, never "failed": the money may have moved.
import Stripe from 'stripe';

/** The outcome of asking Stripe to pay, or of asking it later where a payment stands. */
export type PaymentOutcome =
  | { readonly kind: 'succeeded'; readonly intentId: string; readonly receiptUrl: string | undefined }
  | {
      readonly kind: 'requires_action';
      readonly intentId: string;
      readonly clientSecret: string | undefined;
      readonly nextActionUrl: string | undefined;
    }
  | { readonly kind: 'processing'; readonly intentId: string }
  | {
      readonly kind: 'declined';
      readonly intentId: string | undefined;
      readonly code: string | undefined;
      readonly declineCode: string | undefined;
      readonly message: string;
    }
  | { readonly kind: 'canceled'; readonly intentId: string }
  | { readonly kind: 'rejected'; readonly code: string | undefined; readonly message: string }
  | {
      readonly kind: 'unknown';
      readonly intentId: string | undefined;
      readonly message: string;
      /**
       * Stripe kept this error as the idempotency key's answer (`Stripe-Should-Retry: false`): asking
       * again with the same key only repeats it, so where the payment stands must be looked up.
       */
      readonly keyAnswered?: true;
    };

function receiptUrlOf(intent: Stripe.PaymentIntent): string | undefined {
  const charge = intent.latest_charge;
  return typeof charge === 'object' && charge !== null ? (charge.receipt_url ?? undefined) : undefined;
}

function nextActionUrlOf(intent: Stripe.PaymentIntent): string | undefined {
  const action = intent.next_action;
  if (action?.redirect_to_url?.url) return action.redirect_to_url.url;
  const sdk = action?.use_stripe_sdk?.stripe_js;
  return typeof sdk === 'string' ? sdk : undefined;
}

/** The outcome a PaymentIntent's current status stands for. */
export function outcomeOfIntent(intent: Stripe.PaymentIntent): PaymentOutcome {
  switch (intent.status) {
    case 'succeeded':
      return { kind: 'succeeded', intentId: intent.id, receiptUrl: receiptUrlOf(intent) };
    case 'requires_action':
      return {
        kind: 'requires_action',
        intentId: intent.id,
        clientSecret: intent.client_secret ?? undefined,
        nextActionUrl: nextActionUrlOf(intent),
      };
    case 'processing':
      return { kind: 'processing', intentId: intent.id };
    case 'requires_payment_method': {
      const error = intent.last_payment_error;
      return {
        kind: 'declined',
        intentId: intent.id,
        code: error?.code ?? undefined,
        declineCode: error?.decline_code ?? undefined,
        message: error?.message ?? 'The payment method was declined.',
      };
    }
    case 'canceled':
      return { kind: 'canceled', intentId: intent.id };
    default:
      // requires_confirmation / requires_capture: not states this app creates; a person should look.
      return { kind: 'unknown', intentId: intent.id, message: `PaymentIntent status ${intent.status}` };
  }
}

/** The outcome a failed Stripe call stands for. */
export function outcomeOfError(error: unknown): PaymentOutcome {
  if (error instanceof Stripe.errors.StripeCardError) {
    return {
      kind: 'declined',
      intentId: error.payment_intent?.id,
      code: error.code,
      declineCode: error.decline_code,
      message: error.message,
    };
  }
  if (error instanceof Stripe.errors.StripeInvalidRequestError) {
    if (error.payment_intent?.status === 'requires_payment_method')
      return outcomeOfIntent(error.payment_intent);
    return { kind: 'rejected', code: error.code, message: error.message };
  }
  if (
    error instanceof Stripe.errors.StripeAuthenticationError ||
    error instanceof Stripe.errors.StripePermissionError
  ) {
    // Nothing was charged; the details concern our configuration, not the customer.
    return {
      kind: 'rejected',
      code: 'provider_configuration',
      message: 'The payment provider refused our request.',
    };
  }
  // No answer, a 5xx, a rate limit or an idempotency conflict: the outcome is unknown until asked again.
  const message = error instanceof Error ? error.message : 'no answer from Stripe';
  const keyAnswered =
    error instanceof Stripe.errors.StripeError && error.headers?.['stripe-should-retry'] === 'false';
  return { kind: 'unknown', intentId: undefined, message, ...(keyAnswered ? { keyAnswered } : {}) };
}
