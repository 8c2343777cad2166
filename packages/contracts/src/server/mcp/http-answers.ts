import { type ContractError, errorMapping } from '../../index.js';
import type { McpHttpAnswer } from './http.js';
import { type RpcErrorObject, rpcError, rpcErrorOf } from './protocol.js';

const JSON_HEADERS = Object.freeze({
  'content-type': 'application/json',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
});

/** The answer to a POST that carried only notifications or responses. */
export const ACCEPTED: McpHttpAnswer = Object.freeze({
  status: 202,
  headers: Object.freeze({ 'cache-control': 'no-store' }),
  body: '',
});

/** An answer carrying JSON text (`extra` headers on top of the JSON ones). */
export function jsonTextAnswer(status: number, json: string, extra?: Record<string, string>): McpHttpAnswer {
  const headers = extra === undefined ? JSON_HEADERS : { ...JSON_HEADERS, ...extra };
  return { status, headers, body: json };
}

/** A JSON answer of `value`. */
function jsonAnswer(status: number, value: unknown, extra?: Record<string, string>): McpHttpAnswer {
  return jsonTextAnswer(status, JSON.stringify(value), extra);
}

/** An HTTP-level refusal: the table's HTTP status, and a JSON-RPC error with its jsonRpc code. */
export function refusedAnswer(error: ContractError, extra?: Record<string, string>): McpHttpAnswer {
  return jsonAnswer(errorMapping(error).http, rpcError(null, rpcErrorOf(error)), extra);
}

/** A 400 carrying a JSON-RPC error of the protocol itself (parse error, invalid request). */
export function malformedAnswer(code: number, message: string): McpHttpAnswer {
  const error: RpcErrorObject = { code, message };
  return jsonAnswer(400, rpcError(null, error));
}
