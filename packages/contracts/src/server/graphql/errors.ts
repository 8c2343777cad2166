import { type ExecutionResult, GraphQLError, type GraphQLErrorExtensions } from 'graphql';
import type { Response as GraphQLHttpResponse } from 'graphql-http';
import { type ContractError, ERROR_TABLE, type FrameworkErrorCode } from '../../index.js';

/**
 * Runs `make` without capturing stack traces: the errors we build are answers, not crashes, and
 * a stack costs more than the rest of a refused request.
 */
export function withoutStack<T>(make: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return make();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * The `extensions` of a pipeline error: the code, the request id, and the validation `issues`
 * (paths relative to the `input` argument), declared `data` and `retryAfterSeconds` when present.
 */
export function errorExtensions(error: ContractError, requestId: string): GraphQLErrorExtensions {
  const extensions: GraphQLErrorExtensions = { code: error.code, requestId };
  if (error.issues !== undefined) extensions.issues = error.issues;
  if (error.data !== undefined) extensions.data = error.data;
  if (error.retryAfterSeconds !== undefined) extensions.retryAfterSeconds = error.retryAfterSeconds;
  return extensions;
}

/** A pipeline error as a GraphQL error: the same message, and {@link errorExtensions}. */
export function toGraphQLError(error: ContractError, requestId: string): GraphQLError {
  const extensions = errorExtensions(error, requestId);
  return withoutStack(() => new GraphQLError(error.message, { extensions }));
}

/** An error of the request itself (before any operation ran), with one of the framework's codes. */
export function requestError(code: FrameworkErrorCode, message: string | undefined, requestId: string) {
  const extensions = { code, requestId };
  return withoutStack(() => new GraphQLError(message ?? ERROR_TABLE[code].message, { extensions }));
}

function hasCode(error: GraphQLError): boolean {
  return typeof error.extensions.code === 'string';
}

/**
 * Gives a code to an error graphql-js raised itself. Without a path it is about the request (a
 * document or variable the schema refuses): `INVALID_INPUT`, message kept. With a path it arose
 * while completing a result: a server fault, `INTERNAL`, and its message never leaves.
 */
export function withCode(error: GraphQLError, requestId: string | undefined): GraphQLError {
  if (hasCode(error)) return error;
  const internal = error.path !== undefined;
  const extensions: GraphQLErrorExtensions = { code: internal ? 'INTERNAL' : 'INVALID_INPUT' };
  if (requestId !== undefined) extensions.requestId = requestId;
  // A new error rather than a coded one in place: refusals of a cached document are shared by requests.
  const options = {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions,
  };
  return withoutStack(
    () => new GraphQLError(internal ? ERROR_TABLE.INTERNAL.message : error.message, options),
  );
}

/** The execution result with every error coded, or `undefined` when nothing needed it (no copy). */
export function codedResult(result: ExecutionResult, requestId: string): ExecutionResult | undefined {
  const errors = result.errors;
  if (errors === undefined || errors.every(hasCode)) return undefined;
  return { ...result, errors: errors.map((error) => withCode(error, requestId)) };
}

/** A GraphQL-over-HTTP answer carrying one coded error, with the code's status from `ERROR_TABLE`. */
export function errorAnswer(
  code: FrameworkErrorCode,
  message: string | undefined,
  requestId: string,
  headers: Record<string, string> = {},
): GraphQLHttpResponse {
  const status = ERROR_TABLE[code].http;
  const body = JSON.stringify({ errors: [requestError(code, message, requestId)] });
  return [
    body,
    { status, statusText: code, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } },
  ];
}

/**
 * graphql-http's last-resort formatter (it cannot see the request, so no request id here; the
 * `X-Request-Id` header still has it): errors without a code get one, internal ones lose their message.
 */
export function formatLastResort(error: Readonly<GraphQLError | Error>): GraphQLError | Error {
  if (error instanceof GraphQLError) return withCode(error, undefined);
  return new GraphQLError(error.message, { extensions: { code: 'INVALID_INPUT' } });
}
