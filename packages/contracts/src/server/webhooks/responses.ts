import type { ContractError } from '../../index.js';
import type { WebhookOutcome } from './types.js';

/** What is known about a delivery so far (the outcome's identifying fields). */
export type DeliveryFacts = Pick<
  WebhookOutcome,
  'source' | 'requestId' | 'eventId' | 'eventType' | 'operation'
>;

/** The answer to one delivery and its outcome report. */
export interface Delivered {
  readonly response: Response;
  readonly outcome: WebhookOutcome;
}

function json(status: number, body: unknown, requestId: string, extra?: Record<string, string>): Response {
  const headers = new Headers({
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'x-request-id': requestId,
  });
  if (extra !== undefined) for (const [name, value] of Object.entries(extra)) headers.set(name, value);
  return new Response(JSON.stringify(body), { status, headers });
}

/** 200 `{ received: true, outcome }`: the sender stops retrying. */
export function accept(
  outcome: 'processed' | 'declined' | 'duplicate' | 'ignored',
  facts: DeliveryFacts,
  code?: string,
): Delivered {
  const report: WebhookOutcome = { ...facts, outcome, status: 200 };
  return {
    response: json(200, { received: true, outcome }, facts.requestId),
    outcome: code === undefined ? report : { ...report, code },
  };
}

/**
 * The error body of our HTTP transports, `{ error: { code, message, requestId } }`, with the status
 * of `ERROR_TABLE` (non-2xx: the sender retries) and `Retry-After` when the error has one.
 */
export function refuse(
  error: ContractError,
  facts: DeliveryFacts,
  outcome: 'rejected' | 'failed' | 'in-progress',
  extra?: Record<string, string>,
): Delivered {
  const headers: Record<string, string> = extra === undefined ? {} : { ...extra };
  if (error.retryAfterSeconds !== undefined)
    headers['retry-after'] = String(Math.max(1, Math.ceil(error.retryAfterSeconds)));
  const body = { error: { code: error.code, message: error.message, requestId: facts.requestId } };
  const report: WebhookOutcome = { ...facts, outcome, status: error.status, code: error.code };
  return {
    response: json(error.status, body, facts.requestId, headers),
    outcome: error.cause === undefined ? report : { ...report, cause: error.cause },
  };
}
