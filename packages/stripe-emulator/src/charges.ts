import { formatAmount } from './currencies.js';
import { resourceMissing } from './errors.js';
import { escapeHtml, htmlPage } from './html.js';
import { newId } from './ids.js';
import type { ChargeObject, PaymentIntentObject } from './objects.js';
import { expandList, rejectUnknown, stringParam } from './params.js';
import type { EmulatorState, RequestContext } from './state.js';
import type { CardBehaviour, TestCard } from './test-cards.js';
import { paymentMethodObject } from './test-cards.js';

/** The path of the receipt page of a charge on the emulator. */
export function receiptPath(chargeId: string): string {
  return `/receipts/${chargeId}`;
}

/**
 * Makes the charge of one confirmation attempt: succeeded (captured, with a `receipt_url` on the
 * emulator) or failed with the decline's codes. It is stored and linked to the intent.
 */
export function makeCharge(
  state: EmulatorState,
  intent: PaymentIntentObject,
  paymentMethod: string,
  card: TestCard,
  outcome: CardBehaviour,
): ChargeObject {
  const id = newId('ch');
  const paid = outcome.kind !== 'decline';
  const charge: ChargeObject = {
    id,
    object: 'charge',
    amount: intent.amount,
    amount_captured: paid ? intent.amount : 0,
    amount_refunded: 0,
    balance_transaction: paid && intent.capture_method === 'automatic' ? newId('txn') : null,
    billing_details: { address: null, email: null, name: null, phone: null },
    captured: paid,
    created: state.nowSeconds(),
    currency: intent.currency,
    customer: intent.customer,
    description: intent.description,
    disputed: false,
    failure_code: outcome.kind === 'decline' ? outcome.code : null,
    failure_message: outcome.kind === 'decline' ? outcome.message : null,
    livemode: false,
    metadata: { ...intent.metadata },
    outcome: {
      network_status: paid ? 'approved_by_network' : 'declined_by_network',
      reason: outcome.kind === 'decline' ? outcome.declineCode : null,
      risk_level: 'normal',
      risk_score: 20,
      seller_message: paid
        ? 'Payment complete.'
        : 'The bank did not return any further details with this decline.',
      type: paid ? 'authorized' : 'issuer_declined',
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
    },
    paid,
    payment_intent: intent.id,
    payment_method: paymentMethod,
    payment_method_details: { type: 'card', card: paymentMethodObject(paymentMethod, card, 0).card },
    receipt_email: intent.receipt_email,
    receipt_number: null,
    receipt_url: paid ? `${state.baseUrl}${receiptPath(id)}` : null,
    refunded: false,
    status: paid ? 'succeeded' : 'failed',
  };
  state.charges.set(id, charge);
  state.intents.get(intent.id)?.chargeIds.push(id);
  return charge;
}

/** The charges of an intent as the list embedded in intents for API versions before 2022-11-15. */
export function intentChargesList(state: EmulatorState, intentId: string): object {
  const ids = state.intents.get(intentId)?.chargeIds ?? [];
  const data = ids.map((id) => state.charges.get(id)).filter((charge) => charge !== undefined);
  data.reverse();
  return {
    object: 'list',
    data,
    has_more: false,
    total_count: data.length,
    url: `/v1/charges?payment_intent=${intentId}`,
  };
}

const RETRIEVE_PARAMS = new Set(['expand']);
const LIST_PARAMS = new Set(['payment_intent', 'customer', 'limit', 'expand']);

/** `GET /v1/charges/:id`. */
export function retrieveCharge(state: EmulatorState, ctx: RequestContext, id: string): ChargeObject {
  rejectUnknown(ctx.params, RETRIEVE_PARAMS);
  expandList(ctx.params);
  const charge = state.charges.get(id);
  if (charge === undefined) throw resourceMissing('charge', id);
  return charge;
}

/** `GET /v1/charges` filtered by `payment_intent` / `customer`, newest first (`limit`, default 10). */
export function listCharges(state: EmulatorState, ctx: RequestContext): object {
  rejectUnknown(ctx.params, LIST_PARAMS);
  const intent = stringParam(ctx.params, 'payment_intent');
  const customer = stringParam(ctx.params, 'customer');
  const limit = Math.min(100, Math.max(1, Number(stringParam(ctx.params, 'limit') ?? 10) || 10));
  const all = [...state.charges.values()]
    .filter(
      (c) =>
        (intent === undefined || c.payment_intent === intent) &&
        (customer === undefined || c.customer === customer),
    )
    .reverse();
  return { object: 'list', data: all.slice(0, limit), has_more: all.length > limit, url: '/v1/charges' };
}

/** The tiny HTML receipt served at a succeeded charge's `receipt_url`. */
export function receiptHtml(charge: ChargeObject): string {
  const card = charge.payment_method_details.card;
  const rows = [
    ['Amount paid', formatAmount(charge.amount, charge.currency)],
    ['Date paid', new Date(charge.created * 1000).toISOString()],
    ['Payment method', `${card.brand} •••• ${card.last4}`],
    ['Receipt for', charge.id],
    ['Payment', charge.payment_intent],
  ];
  const body = rows
    .map(([k, v]) => `<tr><th>${escapeHtml(k ?? '')}</th><td>${escapeHtml(v ?? '')}</td></tr>`)
    .join('');
  return htmlPage(
    `Receipt ${charge.id}`,
    `<h1>Receipt (Stripe emulator, test mode)</h1><table>${body}</table>`,
  );
}
