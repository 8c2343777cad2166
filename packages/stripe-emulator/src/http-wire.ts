import type { IncomingMessage } from 'node:http';
import { errorPayload, invalidRequest, StripeApiError } from './errors.js';
import type { FaultSpec } from './faults.js';

/** An HTTP answer of the API; `saved` says whether the idempotency layer keeps it for replays. */
export interface Answer {
  status: number;
  body: string;
  headers: Record<string, string>;
  saved: boolean;
}

const MAX_BODY = 1024 * 1024;

/** A JSON answer (pretty-printed like Stripe's). */
export function json(
  status: number,
  value: unknown,
  saved: boolean,
  headers: Record<string, string> = {},
): Answer {
  return { status, body: `${JSON.stringify(value, null, 2)}\n`, headers, saved };
}

/** The answer for a Stripe error. */
export function errorAnswer(error: StripeApiError, headers: Record<string, string> = {}): Answer {
  return json(error.status, errorPayload(error), error.saved, headers);
}

/** The `api_error` answer of an injected status fault, with `Stripe-Should-Retry` when the fault sets it. */
export function faultAnswer(fault: FaultSpec & { status: number }): Answer {
  const headers: Record<string, string> =
    fault.shouldRetry === undefined ? {} : { 'stripe-should-retry': String(fault.shouldRetry) };
  const error = new StripeApiError(fault.status, {
    type: 'api_error',
    message: `An unknown error occurred (emulated fault, HTTP ${fault.status}).`,
  });
  return { ...errorAnswer(error, headers), saved: fault.shouldRetry === false };
}

/** A request header as one string, or null. */
export function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === 'string' ? value : null;
}

/** The API key of a request: `Bearer <key>` or Basic auth's user name (`curl -u sk_test_...:`). */
export function apiKeyOf(req: IncomingMessage): string | undefined {
  const auth = header(req, 'authorization');
  if (auth === null) return undefined;
  if (/^bearer /i.test(auth)) return auth.slice(7).trim();
  if (/^basic /i.test(auth))
    return Buffer.from(auth.slice(6).trim(), 'base64').toString('utf8').split(':')[0];
  return auth;
}

/** The request body as text (at most 1 MB). */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw invalidRequest('Request body too large.');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
