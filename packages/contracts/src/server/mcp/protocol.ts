import { ContractError, errorMapping } from '../../index.js';

/**
 * The MCP protocol versions this server speaks, newest first. A test checks them against the
 * installed SDK's `LATEST_PROTOCOL_VERSION` and `SUPPORTED_PROTOCOL_VERSIONS`, so an SDK upgrade
 * that brings a new version is reviewed rather than answered blindly.
 */
export const PROTOCOL_VERSIONS: readonly string[] = Object.freeze([
  '2025-11-25',
  '2025-06-18',
  '2025-03-26',
  '2024-11-05',
]);

/** The version to answer `initialize` with: the client's if we speak it, else our newest. */
export function negotiateVersion(requested: unknown): string {
  return typeof requested === 'string' && PROTOCOL_VERSIONS.includes(requested)
    ? requested
    : (PROTOCOL_VERSIONS[0] as string);
}

/** A JSON-RPC request id. */
export type RequestId = string | number;

/** The `error` member of a JSON-RPC error response. */
export interface RpcErrorObject {
  readonly code: number;
  readonly message: string;
  readonly data?: unknown;
}

/** A JSON-RPC response: a result or an error. */
export type RpcReply =
  | { readonly jsonrpc: '2.0'; readonly id: RequestId; readonly result: object }
  | { readonly jsonrpc: '2.0'; readonly id: RequestId | null; readonly error: RpcErrorObject };

/** Standard JSON-RPC codes for faults of the protocol itself (they have no ContractError code). */
export const RPC = Object.freeze({
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
});

/** A result response. */
export function rpcResult(id: RequestId, result: object): RpcReply {
  return { jsonrpc: '2.0', id, result };
}

/** An error response. */
export function rpcError(id: RequestId | null, error: RpcErrorObject): RpcReply {
  return { jsonrpc: '2.0', id, error };
}

/** The structured error every MCP error carries: `{ code, message, issues?, data?, requestId, retryAfterSeconds? }`. */
export function errorBody(error: ContractError): Record<string, unknown> {
  const body: Record<string, unknown> = error.toJSON();
  if (error.retryAfterSeconds !== undefined) body.retryAfterSeconds = error.retryAfterSeconds;
  return body;
}

/** A ContractError as a JSON-RPC error object, with the code from `ERROR_TABLE` (its jsonRpc column). */
export function rpcErrorOf(error: ContractError, message = error.message): RpcErrorObject {
  return { code: errorMapping(error).jsonRpc, message, data: { ...errorBody(error), message } };
}

/** A framework error raised by the transport itself (not by the pipeline), with a fresh request id. */
export function transportError(
  code: 'METHOD_NOT_ALLOWED' | 'UNSUPPORTED_MEDIA_TYPE' | 'PAYLOAD_TOO_LARGE' | 'FORBIDDEN' | 'INTERNAL',
  message?: string,
): ContractError {
  return new ContractError(code, message, { origin: 'transport', requestId: crypto.randomUUID() });
}

/** True for a plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for a valid JSON-RPC request id. */
export function isRequestId(value: unknown): value is RequestId {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}
