import { confirmationOptions, runConfirmation, validateConfirmation } from './confirm.js';
import { parseAmount, parseCurrency } from './currencies.js';
import { invalidRequest } from './errors.js';
import { newId, randomToken } from './ids.js';
import { captureMethod, checkPaymentMethodTypeParams, paymentMethodSettings } from './intent-defaults.js';
import { checkPaymentMethod, findIntent, renderIntent } from './intent-view.js';
import type { PaymentIntentObject } from './objects.js';
import {
  booleanParam,
  expandList,
  mergeMetadata,
  nullableString,
  rejectUnknown,
  stringParam,
} from './params.js';
import type { EmulatorState, IntentRecord, RequestContext } from './state.js';

const CREATE_PARAMS = new Set(
  (
    'amount currency customer description metadata payment_method payment_method_types automatic_payment_methods ' +
    'allowed_payment_method_types excluded_payment_method_types ' +
    'capture_method confirmation_method confirm return_url off_session receipt_email statement_descriptor expand'
  ).split(' '),
);
const UPDATE_PARAMS = new Set(
  'amount currency customer description metadata payment_method receipt_email expand'.split(' '),
);

/** `POST /v1/payment_intents`: validates, stores and (with `confirm=true`) confirms a new intent. */
export function createIntent(state: EmulatorState, ctx: RequestContext): PaymentIntentObject {
  const { params, apiVersion } = ctx;
  rejectUnknown(params, CREATE_PARAMS);
  const confirm = booleanParam(params, 'confirm') ?? false;
  const confirmation = confirmationOptions(params);
  if (!confirm && (params.return_url !== undefined || params.off_session !== undefined)) {
    const param = params.return_url !== undefined ? 'return_url' : 'off_session';
    throw invalidRequest(`You can only pass ${param} when confirm=true.`, param);
  }
  const confirmationMethod = stringParam(params, 'confirmation_method') ?? 'automatic';
  if (confirmationMethod !== 'automatic' && confirmationMethod !== 'manual') {
    throw invalidRequest(
      'Invalid confirmation_method: must be one of automatic or manual',
      'confirmation_method',
    );
  }
  const paymentMethod = stringParam(params, 'payment_method');
  const id = newId('pi');
  const intent: PaymentIntentObject = {
    id,
    object: 'payment_intent',
    amount: parseAmount(params.amount),
    amount_capturable: 0,
    amount_received: 0,
    ...paymentMethodSettings(params, apiVersion),
    canceled_at: null,
    cancellation_reason: null,
    capture_method: captureMethod(params, apiVersion),
    client_secret: `${id}_secret_${randomToken(25)}`,
    confirmation_method: confirmationMethod,
    created: state.nowSeconds(),
    currency: parseCurrency(params.currency),
    customer: nullableString(params, 'customer') ?? null,
    description: nullableString(params, 'description') ?? null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    metadata: mergeMetadata({}, params),
    next_action: null,
    payment_method: paymentMethod === undefined ? null : checkPaymentMethod(paymentMethod),
    receipt_email: nullableString(params, 'receipt_email') ?? null,
    setup_future_usage: null,
    statement_descriptor: nullableString(params, 'statement_descriptor') ?? null,
    status: paymentMethod === undefined ? 'requires_payment_method' : 'requires_confirmation',
  };
  const record: IntentRecord = { intent, returnUrl: null, chargeIds: [] };
  if (confirm) validateConfirmation(record, intent.payment_method, confirmation);
  state.intents.set(id, record);
  if (confirm) runConfirmation(state, ctx, record, intent.payment_method ?? '', confirmation);
  return record.intent;
}

/** `POST /v1/payment_intents/:id`: updates amount, currency, metadata, description, customer, payment method. */
export function updateIntent(state: EmulatorState, ctx: RequestContext, id: string): PaymentIntentObject {
  const { params } = ctx;
  checkPaymentMethodTypeParams(params, ctx.apiVersion);
  rejectUnknown(params, UPDATE_PARAMS);
  const record = findIntent(state, id);
  const current = record.intent;
  if (current.status === 'succeeded' || current.status === 'canceled') {
    const onlyNotes = Object.keys(params).every((key) => ['metadata', 'description', 'expand'].includes(key));
    if (!onlyNotes) {
      throw invalidRequest(
        `This PaymentIntent's amount could not be updated because it has a status of ${current.status}.`,
        undefined,
        'payment_intent_unexpected_state',
      );
    }
  }
  const paymentMethod = stringParam(params, 'payment_method');
  const next: PaymentIntentObject = {
    ...current,
    amount: params.amount === undefined ? current.amount : parseAmount(params.amount),
    currency: params.currency === undefined ? current.currency : parseCurrency(params.currency),
    customer: params.customer === undefined ? current.customer : (nullableString(params, 'customer') ?? null),
    description:
      params.description === undefined
        ? current.description
        : (nullableString(params, 'description') ?? null),
    metadata: mergeMetadata(current.metadata, params),
    receipt_email:
      params.receipt_email === undefined
        ? current.receipt_email
        : (nullableString(params, 'receipt_email') ?? null),
  };
  if (paymentMethod !== undefined) {
    next.payment_method = checkPaymentMethod(paymentMethod);
    if (next.status === 'requires_payment_method') next.status = 'requires_confirmation';
  }
  record.intent = next;
  return next;
}

/** `POST /v1/payment_intents/:id/cancel`. */
export function cancelIntent(state: EmulatorState, ctx: RequestContext, id: string): PaymentIntentObject {
  rejectUnknown(ctx.params, new Set(['cancellation_reason', 'expand']));
  const record = findIntent(state, id);
  const { status } = record.intent;
  if (status === 'succeeded' || status === 'canceled' || status === 'processing') {
    throw invalidRequest(
      `You cannot cancel this PaymentIntent because it has a status of ${status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.`,
      undefined,
      'payment_intent_unexpected_state',
    );
  }
  const reason = stringParam(ctx.params, 'cancellation_reason') ?? null;
  record.intent = {
    ...record.intent,
    status: 'canceled',
    canceled_at: state.nowSeconds(),
    cancellation_reason: reason,
    next_action: null,
  };
  return record.intent;
}

/** `GET /v1/payment_intents/:id`. */
export function retrieveIntent(state: EmulatorState, ctx: RequestContext, id: string): object {
  rejectUnknown(ctx.params, new Set(['client_secret', 'expand']));
  return renderIntent(state, findIntent(state, id).intent, ctx.apiVersion, expandList(ctx.params));
}
