import type { ContractError } from '../runtime/errors.js';
import type { AnyOperationSpec } from '../spec/operation.js';
import type { RestResponse } from './types.js';

const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
} as const;

/** A JSON response with the headers every API response carries. */
export function jsonResponse(
  status: number,
  body: unknown,
  requestId: string,
  extra?: Record<string, string>,
): RestResponse {
  const headers: Record<string, string> = {
    'content-type': JSON_HEADERS['content-type'],
    'cache-control': JSON_HEADERS['cache-control'],
    'x-content-type-options': JSON_HEADERS['x-content-type-options'],
    'x-request-id': requestId,
  };
  if (extra !== undefined) Object.assign(headers, extra);
  return { status, headers, body: JSON.stringify(body) };
}

/** The one error body: `{ error: { code, message, issues?, data?, requestId } }`, with `Retry-After` when known. */
export function errorResponse(
  error: ContractError,
  requestId: string,
  extra?: Record<string, string>,
): RestResponse {
  const headers: Record<string, string> = extra === undefined ? {} : Object.assign({}, extra);
  if (error.retryAfterSeconds !== undefined)
    headers['retry-after'] = String(Math.max(1, Math.ceil(error.retryAfterSeconds)));
  const body: Record<string, unknown> = { code: error.code, message: error.message };
  if (error.issues !== undefined) body.issues = error.issues;
  if (error.data !== undefined) body.data = error.data;
  body.requestId = requestId;
  return jsonResponse(error.status, { error: body }, requestId, headers);
}

/** An HTTP date (RFC 9110 IMF-fixdate) for an ISO date, or undefined when it is not a date. */
function httpDate(iso: string | undefined): string | undefined {
  if (iso === undefined) return undefined;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : new Date(time).toUTCString();
}

/**
 * `Deprecation` (RFC 9745, `@<seconds>` when the spec says since when, else `true`), `Sunset`
 * (RFC 8594) and a `successor-version` link for deprecated operations; nothing for others.
 */
export function deprecationHeaders(
  spec: AnyOperationSpec,
  basePath: string,
): Record<string, string> | undefined {
  if (spec.meta.stability !== 'deprecated') return undefined;
  const deprecation = spec.meta.deprecation;
  const since = deprecation?.since === undefined ? Number.NaN : Date.parse(deprecation.since);
  const headers: Record<string, string> = {
    deprecation: Number.isNaN(since) ? 'true' : `@${Math.floor(since / 1000)}`,
  };
  const sunset = httpDate(deprecation?.sunset);
  if (sunset !== undefined) headers.sunset = sunset;
  if (deprecation?.replacement !== undefined) {
    headers.link = `<${basePath}/${deprecation.replacement}>; rel="successor-version"`;
  }
  return headers;
}
