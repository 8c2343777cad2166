import {
  type Response as GraphQLHttpResponse,
  type Request as HttpRequest,
  parseRequestParams,
  type RequestParams,
} from 'graphql-http';
import type { GraphQLCall } from './call.js';
import { errorAnswer } from './errors.js';
import type { GraphQLLimits } from './limits.js';

/** A request as graphql-http sees it, carrying our per-request {@link GraphQLCall}. */
export type GraphQLHttpRequest = HttpRequest<unknown, GraphQLCall>;

/**
 * Headers a browser cannot send cross-site without a CORS preflight; a GET must carry one of
 * them (any non-empty value) when CSRF prevention is on.
 */
export const DEFAULT_CSRF_HEADERS: readonly string[] = Object.freeze([
  'x-requested-with',
  'graphql-require-preflight',
  'apollo-require-preflight',
  'x-apollo-operation-name',
]);

/** One request header as text (repeated headers joined), from node's headers or a Fetch `Headers`. */
export function header(req: GraphQLHttpRequest, name: string): string | undefined {
  const headers = req.headers;
  if (typeof headers.get === 'function') return headers.get(name) ?? undefined;
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function isAnswer(value: RequestParams | GraphQLHttpResponse): value is GraphQLHttpResponse {
  return Array.isArray(value);
}

/** graphql-http's bare refusals (no body) get one coded error, so every answer reads the same. */
function withBody(answer: GraphQLHttpResponse, requestId: string): GraphQLHttpResponse {
  const [body, init] = answer;
  if (body !== null) return answer;
  if (init.status === 415)
    return errorAnswer('UNSUPPORTED_MEDIA_TYPE', 'Send the request as application/json', requestId);
  if (init.status === 405)
    return errorAnswer('METHOD_NOT_ALLOWED', 'Use GET or POST', requestId, { allow: 'GET, POST' });
  return answer;
}

/**
 * Reads the GraphQL parameters with graphql-http's spec-compliant parser (methods, media types,
 * JSON), around which it enforces what the spec leaves to servers: CSRF prevention for GET, the
 * body limit (from `Content-Length` before reading, and while reading) and the query length.
 */
export function paramsReader(
  limits: Required<GraphQLLimits>,
  csrfHeaders: readonly string[] | undefined,
): (req: GraphQLHttpRequest) => Promise<RequestParams | GraphQLHttpResponse> {
  const csrfHint = csrfHeaders?.join(', ');
  return async (req) => {
    const call = req.context;
    if (req.method === 'GET' && csrfHeaders !== undefined && !csrfHeaders.some((h) => header(req, h))) {
      return errorAnswer(
        'FORBIDDEN',
        `A GET request needs one of these headers (CSRF prevention): ${csrfHint}; or POST application/json`,
        call.requestId,
      );
    }
    const declared = Number(header(req, 'content-length'));
    if (req.method === 'POST' && declared > limits.bodyLimit)
      return errorAnswer('PAYLOAD_TOO_LARGE', undefined, call.requestId);
    let params: RequestParams | GraphQLHttpResponse;
    try {
      params = await parseRequestParams(req);
    } catch (error) {
      if (call.bodyTooLarge) return errorAnswer('PAYLOAD_TOO_LARGE', undefined, call.requestId);
      // graphql-http's messages name what is malformed ("Missing query", "Unparsable JSON body").
      return errorAnswer('INVALID_INPUT', error instanceof Error ? error.message : undefined, call.requestId);
    }
    if (isAnswer(params)) return withBody(params, call.requestId);
    if (params.query.length > limits.maxQueryLength) {
      return errorAnswer(
        'PAYLOAD_TOO_LARGE',
        `The query is longer than ${limits.maxQueryLength} characters`,
        call.requestId,
      );
    }
    return params;
  };
}
