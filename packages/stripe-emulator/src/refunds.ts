import { formatAmount, parseAmount } from './currencies.js';
import { invalidRequest, resourceMissing } from './errors.js';
import { newId } from './ids.js';
import { findIntent } from './intent-view.js';
import type { ChargeObject, RefundObject } from './objects.js';
import { expandList, mergeMetadata, rejectUnknown, stringParam } from './params.js';
import type { EmulatorState, RequestContext } from './state.js';

const CREATE_PARAMS = new Set(['payment_intent', 'charge', 'amount', 'reason', 'metadata', 'expand']);
const REASONS = new Set(['duplicate', 'fraudulent', 'requested_by_customer']);

function chargeToRefund(state: EmulatorState, ctx: RequestContext): ChargeObject {
  const intentId = stringParam(ctx.params, 'payment_intent');
  const chargeId = stringParam(ctx.params, 'charge');
  if (intentId === undefined && chargeId === undefined) {
    throw invalidRequest(
      'One of the following params should be provided for this request: charge or payment_intent.',
    );
  }
  if (chargeId !== undefined) {
    const charge = state.charges.get(chargeId);
    if (charge === undefined) throw resourceMissing('charge', chargeId, 'charge');
    if (intentId !== undefined && charge.payment_intent !== intentId) {
      throw invalidRequest(
        `The charge ${chargeId} does not belong to the PaymentIntent ${intentId}.`,
        'payment_intent',
      );
    }
    return charge;
  }
  const record = findIntent(state, intentId ?? '');
  const latest = record.intent.latest_charge;
  const charge = latest === null ? undefined : state.charges.get(latest);
  if (record.intent.status !== 'succeeded' || charge === undefined) {
    throw invalidRequest(
      `This PaymentIntent (${record.intent.id}) does not have a successful charge to refund.`,
      'payment_intent',
    );
  }
  return charge;
}

function refundAmount(ctx: RequestContext, charge: ChargeObject): number {
  const remaining = charge.amount_captured - charge.amount_refunded;
  if (charge.refunded || (charge.paid && remaining <= 0)) {
    throw invalidRequest(
      `Charge ${charge.id} has already been refunded.`,
      undefined,
      'charge_already_refunded',
    );
  }
  if (!charge.paid) throw invalidRequest(`Charge ${charge.id} has not been captured.`, 'charge');
  if (ctx.params.amount === undefined) return remaining;
  const amount = parseAmount(ctx.params.amount);
  if (amount > remaining) {
    throw invalidRequest(
      `Refund amount (${formatAmount(amount, charge.currency)}) is greater than unrefunded amount on charge (${formatAmount(remaining, charge.currency)})`,
      'amount',
      'amount_too_large',
    );
  }
  return amount;
}

/**
 * `POST /v1/refunds`: refunds `amount` (default: what is left) of a charge, named directly or as
 * the latest charge of a succeeded `payment_intent`. The refund succeeds at once; the charge's
 * `amount_refunded` / `refunded` follow and a `charge.refunded` event is published.
 */
export function createRefund(state: EmulatorState, ctx: RequestContext): RefundObject {
  rejectUnknown(ctx.params, CREATE_PARAMS);
  expandList(ctx.params);
  const reason = stringParam(ctx.params, 'reason');
  if (reason !== undefined && !REASONS.has(reason)) {
    throw invalidRequest(
      'Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer',
      'reason',
    );
  }
  const charge = chargeToRefund(state, ctx);
  const amount = refundAmount(ctx, charge);
  const refund: RefundObject = {
    id: newId('re'),
    object: 'refund',
    amount,
    balance_transaction: newId('txn'),
    charge: charge.id,
    created: state.nowSeconds(),
    currency: charge.currency,
    metadata: mergeMetadata({}, ctx.params),
    payment_intent: charge.payment_intent,
    reason: (reason ?? null) as RefundObject['reason'], // checked against REASONS above
    receipt_number: null,
    source_transfer_reversal: null,
    status: 'succeeded',
    transfer_reversal: null,
  };
  const refunded = charge.amount_refunded + amount;
  const updated: ChargeObject = { ...charge, amount_refunded: refunded, refunded: refunded >= charge.amount };
  state.refunds.set(refund.id, refund);
  state.charges.set(charge.id, updated);
  const request = { id: ctx.requestId, idempotency_key: ctx.idempotencyKey };
  state.events.emit('charge.refunded', () => updated, request);
  return refund;
}

/** `GET /v1/refunds/:id`. */
export function retrieveRefund(state: EmulatorState, ctx: RequestContext, id: string): RefundObject {
  rejectUnknown(ctx.params, new Set(['expand']));
  expandList(ctx.params);
  const refund = state.refunds.get(id);
  if (refund === undefined) throw resourceMissing('refund', id);
  return refund;
}
