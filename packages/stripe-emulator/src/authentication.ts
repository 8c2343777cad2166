import { invalidRequest } from './errors.js';
import { findIntent } from './intent-view.js';
import type { PaymentIntentObject } from './objects.js';
import { publishIntent, succeedIntent } from './outcomes.js';
import type { EmulatorState } from './state.js';
import { paymentMethodObject, testCard } from './test-cards.js';

/**
 * Finishes the 3D Secure step of an intent in `requires_action`, like the customer would: success
 * charges the card (`payment_intent.succeeded`); failure sends it back to `requires_payment_method`
 * with `payment_intent_authentication_failure` (`payment_intent.payment_failed`).
 */
export function completeAuthentication(
  state: EmulatorState,
  id: string,
  success: boolean,
): PaymentIntentObject {
  const record = findIntent(state, id);
  if (record.intent.status !== 'requires_action') {
    throw invalidRequest(
      `This PaymentIntent has a status of ${record.intent.status}, not requires_action.`,
      'intent',
      'payment_intent_unexpected_state',
    );
  }
  const paymentMethod = record.intent.payment_method ?? '';
  const card = testCard(paymentMethod);
  const request = { id: null, idempotency_key: null };
  if (success && card !== undefined) {
    succeedIntent(state, record, card, request);
    return record.intent;
  }
  record.intent = {
    ...record.intent,
    status: 'requires_payment_method',
    payment_method: null,
    next_action: null,
    last_payment_error: {
      type: 'invalid_request_error',
      code: 'payment_intent_authentication_failure',
      payment_method_type: 'card',
      doc_url: 'https://docs.stripe.com/error-codes/payment-intent-authentication-failure',
      message:
        'The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.',
      ...(card === undefined
        ? {}
        : { payment_method: paymentMethodObject(paymentMethod, card, record.intent.created) }),
    },
  };
  publishIntent(state, 'payment_intent.payment_failed', record.intent, request);
  return record.intent;
}
