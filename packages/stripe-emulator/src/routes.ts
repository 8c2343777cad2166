import { completeAuthentication } from './authentication.js';
import { listCharges, retrieveCharge } from './charges.js';
import { confirmIntent } from './confirm.js';
import { invalidRequest, StripeApiError } from './errors.js';
import { listIntents, searchIntents } from './intent-list.js';
import { renderIntent } from './intent-view.js';
import type { PaymentIntentObject } from './objects.js';
import { expandList, rejectUnknown, stringParam } from './params.js';
import { cancelIntent, createIntent, retrieveIntent, updateIntent } from './payment-intents.js';
import { createRefund, retrieveRefund } from './refunds.js';
import type { EmulatorState, RequestContext } from './state.js';

type Handler = (state: EmulatorState, ctx: RequestContext, id: string) => object;

interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  handle: Handler;
}

function intentAnswer(
  action: (state: EmulatorState, ctx: RequestContext, id: string) => PaymentIntentObject,
): Handler {
  return (state, ctx, id) =>
    renderIntent(state, action(state, ctx, id), ctx.apiVersion, expandList(ctx.params));
}

function authenticate(state: EmulatorState, ctx: RequestContext, id: string): PaymentIntentObject {
  rejectUnknown(ctx.params, new Set(['outcome', 'expand']));
  const outcome = stringParam(ctx.params, 'outcome') ?? 'succeed';
  if (outcome !== 'succeed' && outcome !== 'fail')
    throw invalidRequest('outcome must be succeed or fail', 'outcome');
  return completeAuthentication(state, id, outcome === 'succeed');
}

const ID = '([^/]+)';
const ROUTES: Route[] = [
  { method: 'POST', pattern: /^\/v1\/payment_intents$/, handle: intentAnswer(createIntent) },
  { method: 'GET', pattern: /^\/v1\/payment_intents$/, handle: listIntents },
  { method: 'GET', pattern: /^\/v1\/payment_intents\/search$/, handle: searchIntents },
  { method: 'GET', pattern: new RegExp(`^/v1/payment_intents/${ID}$`), handle: retrieveIntent },
  { method: 'POST', pattern: new RegExp(`^/v1/payment_intents/${ID}$`), handle: intentAnswer(updateIntent) },
  {
    method: 'POST',
    pattern: new RegExp(`^/v1/payment_intents/${ID}/confirm$`),
    handle: intentAnswer(confirmIntent),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/v1/payment_intents/${ID}/cancel$`),
    handle: intentAnswer(cancelIntent),
  },
  { method: 'GET', pattern: /^\/v1\/charges$/, handle: listCharges },
  { method: 'GET', pattern: new RegExp(`^/v1/charges/${ID}$`), handle: retrieveCharge },
  { method: 'POST', pattern: /^\/v1\/refunds$/, handle: createRefund },
  { method: 'GET', pattern: new RegExp(`^/v1/refunds/${ID}$`), handle: retrieveRefund },
  {
    method: 'POST',
    pattern: new RegExp(`^/v1/test_helpers/payment_intents/${ID}/authenticate$`),
    handle: intentAnswer(authenticate),
  },
];

/**
 * Runs the API endpoint for `ctx.method ctx.path` and returns the JSON body of a 200; errors are
 * thrown as {@link StripeApiError} (an unknown URL is Stripe's 404 `Unrecognized request URL`).
 */
export function routeApi(state: EmulatorState, ctx: RequestContext): object {
  for (const route of ROUTES) {
    if (route.method !== ctx.method) continue;
    const match = route.pattern.exec(ctx.path);
    if (match !== null) return route.handle(state, ctx, decodeURIComponent(match[1] ?? ''));
  }
  throw new StripeApiError(404, {
    type: 'invalid_request_error',
    message: `Unrecognized request URL (${ctx.method}: ${ctx.path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
  });
}
