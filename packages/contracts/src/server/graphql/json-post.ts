import type { GraphQLLimits } from './limits.js';
import { type GraphQLHttpRequest, header } from './request-params.js';

/** The media type an answer is sent as, from the request's `Accept`. */
export type AnswerMediaType = 'application/graphql-response+json' | 'application/json';

/** The parameters of a well-formed JSON POST, and the media type to answer with. */
export interface JsonPost {
  readonly query: string;
  readonly variables: Readonly<Record<string, unknown>> | null | undefined;
  readonly operationName: string | null | undefined;
  readonly mediaType: AnswerMediaType;
}

/** A read and parsed POST's body as graphql-http takes it back (its parameters, already parsed). */
export function postedBody(post: JsonPost): GraphQLHttpRequest['body'] {
  const { query, variables, operationName } = post;
  return () => ({ query, variables, operationName });
}

/**
 * The media type graphql-http negotiates for an `Accept` header (first acceptable entry wins;
 * `undefined` when none is, which it answers with 406).
 */
export function negotiate(accept: string | undefined): AnswerMediaType | undefined {
  for (const entry of (accept || '*/*').replace(/\s/g, '').toLowerCase().split(',')) {
    const [type, ...params] = entry.split(';');
    const charset = params.find((p) => p.includes('charset=')) ?? 'charset=utf-8';
    if (type === 'application/graphql-response+json' && charset === 'charset=utf-8')
      return 'application/graphql-response+json';
    if (
      (type === 'application/json' || type === 'application/*' || type === '*/*') &&
      (charset === 'charset=utf-8' || charset === 'charset=utf8')
    )
      return 'application/json';
  }
  return undefined;
}

function isJsonContentType(value: string | undefined): boolean {
  if (value === 'application/json') return true;
  const [type, charset = 'charset=utf-8'] = (value ?? '').replace(/\s/g, '').toLowerCase().split(';');
  return type === 'application/json' && charset === 'charset=utf-8';
}

function optional(value: unknown, type: 'object' | 'string'): boolean {
  if (value === null || value === undefined) return true;
  return type === 'string' ? typeof value === 'string' : typeof value === 'object' && !Array.isArray(value);
}

let lastAccept: string | undefined;
let lastMediaType: AnswerMediaType | undefined;

/**
 * The media type to answer a POST with, when its headers are what graphql-http takes as they are
 * (an acceptable `Accept`, JSON, a declared length within the limit); undefined otherwise.
 */
export function postMediaType(
  request: { header(name: string): string | undefined },
  limits: Required<GraphQLLimits>,
): AnswerMediaType | undefined {
  const accept = request.header('accept');
  if (accept !== lastAccept || lastAccept === undefined) {
    lastMediaType = negotiate(accept);
    lastAccept = accept;
  }
  const mediaType = lastMediaType;
  if (
    mediaType === undefined ||
    !isJsonContentType(request.header('content-type')) ||
    Number(request.header('content-length')) > limits.bodyLimit
  )
    return undefined;
  return mediaType;
}

/** The parameters of a body graphql-http would accept as it is (well-formed, a query within its length), or undefined. */
export function parseJsonPost(
  text: string,
  mediaType: AnswerMediaType,
  limits: Required<GraphQLLimits>,
): JsonPost | undefined {
  let params: Record<string, unknown>;
  try {
    params = JSON.parse(text) as Record<string, unknown>; // checked just below
  } catch {
    return undefined;
  }
  if (typeof params !== 'object' || params === null) return undefined;
  const { query, variables, operationName, extensions } = params;
  if (
    typeof query !== 'string' ||
    query.length > limits.maxQueryLength ||
    !optional(variables, 'object') ||
    !optional(operationName, 'string') ||
    !optional(extensions, 'object')
  )
    return undefined;
  return {
    query,
    variables: variables as JsonPost['variables'], // an object, null or absent: checked above
    operationName: operationName as JsonPost['operationName'],
    mediaType,
  };
}

/**
 * Reads a POST `application/json` request that graphql-http would accept as it is (see
 * {@link postMediaType} and {@link parseJsonPost}). Anything else gets `fallback`: the request for
 * graphql-http to answer, with the body it may have read.
 */
export async function readJsonPost(
  request: GraphQLHttpRequest,
  limits: Required<GraphQLLimits>,
): Promise<JsonPost | { readonly fallback: GraphQLHttpRequest }> {
  const body = request.body;
  const mediaType = postMediaType({ header: (name) => header(request, name) }, limits);
  if (mediaType === undefined || typeof body !== 'function') return { fallback: request };
  let read: Awaited<ReturnType<typeof body>>;
  try {
    read = await body();
  } catch (error) {
    return { fallback: { ...request, body: () => Promise.reject(error) } };
  }
  if (typeof read !== 'string') return { fallback: { ...request, body: () => Promise.resolve(read) } };
  const text = read;
  return (
    parseJsonPost(text, mediaType, limits) ?? { fallback: { ...request, body: () => Promise.resolve(text) } }
  );
}
