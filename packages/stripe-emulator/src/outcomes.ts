import { makeCharge } from './charges.js';
import { randomToken } from './ids.js';
import { renderIntent } from './intent-view.js';
import type { NextAction, PaymentIntentObject } from './objects.js';
import type { EmulatorState, IntentRecord } from './state.js';
import type { TestCard } from './test-cards.js';

/** The `request` member of the events a request causes (ids null for test helpers). */
export type EventRequest = { id: string | null; idempotency_key: string | null };

/** Publishes an event about an intent (its `data.object` rendered in the event's API version). */
export function publishIntent(
  state: EmulatorState,
  type: string,
  intent: PaymentIntentObject,
  request: EventRequest,
): void {
  state.events.emit(type, (version) => renderIntent(state, intent, version), request);
}

/** Charges the card and marks the intent `succeeded` (events `charge.succeeded`, `payment_intent.succeeded`). */
export function succeedIntent(
  state: EmulatorState,
  record: IntentRecord,
  card: TestCard,
  request: EventRequest,
): void {
  const intent = record.intent;
  const charge = makeCharge(state, intent, intent.payment_method ?? '', card, { kind: 'succeed' });
  record.intent = {
    ...intent,
    status: 'succeeded',
    amount_received: intent.amount,
    latest_charge: charge.id,
    last_payment_error: null,
    next_action: null,
  };
  state.events.emit('charge.succeeded', () => charge, request);
  publishIntent(state, 'payment_intent.succeeded', record.intent, request);
}

/** The 3D Secure `next_action`: a redirect when the confirmation had a `return_url`, else `use_stripe_sdk`. */
export function threeDsAction(state: EmulatorState, record: IntentRecord): NextAction {
  const url = `${state.baseUrl}/emulator/3ds/${record.intent.id}`;
  if (record.returnUrl !== null)
    return { type: 'redirect_to_url', redirect_to_url: { url, return_url: record.returnUrl } };
  return {
    type: 'use_stripe_sdk',
    use_stripe_sdk: { type: 'three_d_secure_redirect', stripe_js: url, source: `src_${randomToken(24)}` },
  };
}
