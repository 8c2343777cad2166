import { makeCharge } from './charges.js';
import { cardError, invalidRequest } from './errors.js';
import type { FormObject } from './form.js';
import { checkPaymentMethodTypeParams } from './intent-defaults.js';
import { checkPaymentMethod, findIntent, renderIntent } from './intent-view.js';
import type { PaymentIntentObject } from './objects.js';
import { publishIntent, succeedIntent, threeDsAction } from './outcomes.js';
import { booleanParam, expandList, nullableString, rejectUnknown, stringParam } from './params.js';
import type { EmulatorState, IntentRecord, RequestContext } from './state.js';
import { paymentMethodObject, testCard } from './test-cards.js';

/** The confirmation parameters that shape the attempt. */
export interface ConfirmationOptions {
  returnUrl: string | undefined;
  offSession: boolean;
}

const CONFIRM_PARAMS = new Set(['payment_method', 'return_url', 'off_session', 'receipt_email', 'expand']);
const RETURN_URL_REQUIRED =
  'A `return_url` must be specified because this Payment Intent is configured to automatically accept the payment methods enabled in the Dashboard, some of which may require a full page redirect to succeed. If you do not want to accept redirect-based payment methods, set `automatic_payment_methods[enabled]` to `true` and `automatic_payment_methods[allow_redirects]` to `never` when creating Setup Intents and Payment Intents.';

/** Reads `return_url` and `off_session` (checking the URL is absolute). */
export function confirmationOptions(params: FormObject): ConfirmationOptions {
  const returnUrl = stringParam(params, 'return_url');
  if (returnUrl !== undefined && !URL.canParse(returnUrl)) {
    throw invalidRequest('Not a valid URL', 'return_url', 'url_invalid');
  }
  return { returnUrl, offSession: booleanParam(params, 'off_session') ?? false };
}

/**
 * Checks an intent may be confirmed: its status, a payment method, and the `return_url` rule:
 * with automatic payment methods that allow redirects (the default from API 2023-08-16), a
 * confirmation needs `return_url` unless `off_session=true`.
 */
export function validateConfirmation(
  record: IntentRecord,
  paymentMethod: string | null,
  options: ConfirmationOptions,
): void {
  const intent = record.intent;
  if (!['requires_payment_method', 'requires_confirmation', 'requires_action'].includes(intent.status)) {
    throw invalidRequest(
      `You cannot confirm this PaymentIntent because it has a status of ${intent.status}.`,
      undefined,
      'payment_intent_unexpected_state',
    );
  }
  if (paymentMethod === null) {
    throw invalidRequest(
      "You cannot confirm this PaymentIntent because it's missing a payment method. Update the PaymentIntent with a payment method and then confirm it again.",
      'payment_method',
      'payment_intent_unexpected_state',
    );
  }
  const apm = intent.automatic_payment_methods;
  const redirects = apm?.enabled === true && apm.allow_redirects !== 'never';
  if (redirects && options.returnUrl === undefined && !options.offSession) {
    throw invalidRequest(RETURN_URL_REQUIRED, 'return_url');
  }
  if (!intent.payment_method_types.includes('card')) {
    throw invalidRequest(
      `The PaymentMethod provided (card) is not allowed for this PaymentIntent. Allowed types: ${intent.payment_method_types.join(', ')}.`,
      'payment_method',
      'payment_intent_incompatible_payment_method',
    );
  }
}

/**
 * Runs a validated confirmation with `paymentMethod`: success makes a charge; a 3D Secure card
 * leaves the intent in `requires_action`; a decline makes a failed charge and throws the 402.
 */
export function runConfirmation(
  state: EmulatorState,
  ctx: RequestContext,
  record: IntentRecord,
  paymentMethod: string,
  options: ConfirmationOptions,
): void {
  const card = testCard(paymentMethod);
  if (card === undefined)
    throw invalidRequest(`No such PaymentMethod: '${paymentMethod}'`, 'payment_method', 'resource_missing');
  const request = { id: ctx.requestId, idempotency_key: ctx.idempotencyKey };
  record.returnUrl = options.returnUrl ?? null;
  record.intent = { ...record.intent, payment_method: paymentMethod, last_payment_error: null };
  const behaviour = card.behaviour;
  if (behaviour.kind === 'succeed') {
    succeedIntent(state, record, card, request);
    return;
  }
  if (behaviour.kind === 'authenticate') {
    record.intent = {
      ...record.intent,
      status: 'requires_action',
      next_action: threeDsAction(state, record),
    };
    publishIntent(state, 'payment_intent.requires_action', record.intent, request);
    return;
  }
  const charge = makeCharge(state, record.intent, paymentMethod, card, behaviour);
  const pm = paymentMethodObject(paymentMethod, card, record.intent.created);
  const error = {
    code: behaviour.code,
    decline_code: behaviour.declineCode,
    message: behaviour.message,
    charge: charge.id,
  };
  record.intent = {
    ...record.intent,
    status: 'requires_payment_method',
    payment_method: null,
    latest_charge: charge.id,
    next_action: null,
    last_payment_error: { type: 'card_error', ...error, payment_method: pm, payment_method_type: 'card' },
  };
  publishIntent(state, 'payment_intent.payment_failed', record.intent, request);
  const rendered = renderIntent(state, record.intent, ctx.apiVersion, expandList(ctx.params));
  throw cardError({ ...error, payment_intent: rendered, payment_method: pm });
}

/** `POST /v1/payment_intents/:id/confirm`. */
export function confirmIntent(state: EmulatorState, ctx: RequestContext, id: string): PaymentIntentObject {
  checkPaymentMethodTypeParams(ctx.params, ctx.apiVersion);
  rejectUnknown(ctx.params, CONFIRM_PARAMS);
  const record = findIntent(state, id);
  const given = stringParam(ctx.params, 'payment_method');
  const paymentMethod = given === undefined ? record.intent.payment_method : checkPaymentMethod(given);
  const options = confirmationOptions(ctx.params);
  validateConfirmation(record, paymentMethod, options);
  const receiptEmail = nullableString(ctx.params, 'receipt_email');
  if (receiptEmail !== undefined) record.intent = { ...record.intent, receipt_email: receiptEmail };
  runConfirmation(state, ctx, record, paymentMethod ?? '', options);
  return record.intent;
}
