/** The `type` of a Stripe error object. */
export type StripeErrorType = 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';

/** The `error` member of a Stripe error response, as sent on the wire. */
export interface StripeErrorBody {
  type: StripeErrorType;
  message: string;
  code?: string;
  decline_code?: string;
  param?: string;
  doc_url?: string;
  charge?: string;
  payment_intent?: unknown;
  payment_method?: unknown;
  request_log_url?: string;
}

/**
 * An error answered to the client as `{ error: {...} }` with `status`. `saved` says whether the
 * idempotency layer keeps it for replays: Stripe saves results once execution began (card
 * declines) but not validation failures.
 */
export class StripeApiError extends Error {
  /** The HTTP status of the answer. */
  readonly status: number;
  /** The wire error object. */
  readonly body: StripeErrorBody;
  /** Whether a replay with the same idempotency key returns this error again. */
  readonly saved: boolean;

  constructor(status: number, body: StripeErrorBody, saved = false) {
    super(body.message);
    this.name = 'StripeApiError';
    this.status = status;
    this.body = body;
    this.saved = saved;
  }
}

function docUrl(code: string): string {
  return `https://docs.stripe.com/error-codes/${code.replaceAll('_', '-')}`;
}

/**
 * A 400 `invalid_request_error` (a validation failure: never saved for idempotent replays).
 * @example invalidRequest('Missing required param: amount.', 'amount', 'parameter_missing')
 */
export function invalidRequest(message: string, param?: string, code?: string): StripeApiError {
  const body: StripeErrorBody = { type: 'invalid_request_error', message };
  if (code !== undefined) Object.assign(body, { code, doc_url: docUrl(code) });
  if (param !== undefined) body.param = param;
  return new StripeApiError(400, body);
}

/** A 404 for a missing object, like `No such payment_intent: 'pi_123'`. */
export function resourceMissing(kind: string, id: string, param = 'id'): StripeApiError {
  return new StripeApiError(404, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    doc_url: docUrl('resource_missing'),
    message: `No such ${kind}: '${id}'`,
    param,
  });
}

/** A 402 `card_error` about a confirmation attempt (saved for idempotent replays). */
export function cardError(body: Omit<StripeErrorBody, 'type'>): StripeApiError {
  const code = body.code;
  return new StripeApiError(
    402,
    { type: 'card_error', ...(code === undefined ? {} : { doc_url: docUrl(code) }), ...body },
    true,
  );
}

/** A 401 for a missing or wrong API key (Stripe types it `invalid_request_error`; the SDK maps 401). */
export function badApiKey(key: string | undefined): StripeApiError {
  const message =
    key === undefined
      ? "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY')."
      : `Invalid API Key provided: ${maskKey(key)}`;
  return new StripeApiError(401, { type: 'invalid_request_error', message });
}

/** `sk_test_abcdef1234` -> `sk_test_******1234`, as Stripe prints keys in errors. */
export function maskKey(key: string): string {
  const prefix = /^(sk|rk|pk)_(test|live)_/.exec(key)?.[0] ?? '';
  const rest = key.slice(prefix.length);
  return `${prefix}${'*'.repeat(Math.max(0, rest.length - 4))}${rest.slice(-4)}`;
}

/** The JSON body of an error answer. */
export function errorPayload(error: StripeApiError): { error: StripeErrorBody } {
  return { error: error.body };
}
