import { CHARGES_REMOVED_FROM_INTENT, isBefore } from './api-version.js';
import { intentChargesList } from './charges.js';
import { resourceMissing } from './errors.js';
import type { PaymentIntentObject } from './objects.js';
import type { EmulatorState, IntentRecord } from './state.js';
import { paymentMethodObject, testCard } from './test-cards.js';

/** The intent of `id`, or a 404 `resource_missing`. */
export function findIntent(state: EmulatorState, id: string): IntentRecord {
  const record = state.intents.get(id);
  if (record === undefined) throw resourceMissing('payment_intent', id, 'intent');
  return record;
}

/** Checks `id` names a known test PaymentMethod (`pm_card_visa`...), else a 404 `resource_missing`. */
export function checkPaymentMethod(id: string): string {
  if (testCard(id) === undefined) throw resourceMissing('PaymentMethod', id, 'payment_method');
  return id;
}

/**
 * The wire form of an intent for `apiVersion`: with the embedded `charges` list before
 * 2022-11-15, and `latest_charge` / `payment_method` expanded when asked.
 */
export function renderIntent(
  state: EmulatorState,
  intent: PaymentIntentObject,
  apiVersion: string,
  expand: readonly string[] = [],
): object {
  const out: Record<string, unknown> = { ...intent };
  if (isBefore(apiVersion, CHARGES_REMOVED_FROM_INTENT)) out.charges = intentChargesList(state, intent.id);
  if (expand.includes('latest_charge') && intent.latest_charge !== null) {
    out.latest_charge = state.charges.get(intent.latest_charge);
  }
  const card = intent.payment_method === null ? undefined : testCard(intent.payment_method);
  if (expand.includes('payment_method') && card !== undefined && intent.payment_method !== null) {
    out.payment_method = paymentMethodObject(intent.payment_method, card, intent.created);
  }
  return out;
}
