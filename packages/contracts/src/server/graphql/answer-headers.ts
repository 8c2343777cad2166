import type { ResponseInit } from 'graphql-http';
import type { GraphQLCall } from './call.js';

/** The headers of every answer: graphql-http's, plus the request id and no caching or sniffing. */
export function answerHeaders(init: ResponseInit, call: GraphQLCall): Record<string, string> {
  const headers: Record<string, string> = {
    'x-request-id': call.requestId,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  };
  if (init.headers !== undefined) Object.assign(headers, init.headers);
  if (call.replayed) headers['idempotent-replayed'] = 'true';
  return headers;
}
