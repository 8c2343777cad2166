import { ContractError } from '../../index.js';
import type { McpCaller } from './dispatch.js';
import {
  isObject,
  isRequestId,
  type RequestId,
  RPC,
  type RpcReply,
  rpcError,
  rpcErrorOf,
  rpcResult,
} from './protocol.js';
import { McpToolCall } from './tool-call.js';
import { parseToolName } from './tool-names.js';

/** What one JSON-RPC message asks for, once its envelope and parameters are checked. */
export type RoutedMessage =
  | { readonly kind: 'none' }
  | { readonly kind: 'reply'; readonly reply: RpcReply }
  | { readonly kind: 'initialize'; readonly id: RequestId; readonly params: Record<string, unknown> }
  | { readonly kind: 'list'; readonly id: RequestId }
  | McpToolCall;

/** Notifications and responses: they get no reply. */
const NONE: RoutedMessage = Object.freeze({ kind: 'none' });

function answered(reply: RpcReply): RoutedMessage {
  return { kind: 'reply', reply };
}

/**
 * Checks one message and says what it asks for: nothing (notifications), a reply known at once
 * (malformed messages, `ping`, unknown methods), `initialize`, `tools/list`, or a tool call
 * ready to run for `caller`.
 */
export function routeMessage(message: unknown, caller: McpCaller): RoutedMessage {
  if (!isObject(message) || message.jsonrpc !== '2.0')
    return answered(rpcError(null, { code: RPC.INVALID_REQUEST, message: 'Not a JSON-RPC 2.0 message' }));
  if (typeof message.method !== 'string' || !('id' in message)) return NONE;
  const id = message.id;
  if (!isRequestId(id))
    return answered(
      rpcError(null, { code: RPC.INVALID_REQUEST, message: 'A request id is a string or a number' }),
    );
  const params = message.params === undefined ? {} : message.params;
  if (!isObject(params))
    return answered(rpcError(id, { code: RPC.INVALID_PARAMS, message: 'params must be an object' }));
  switch (message.method) {
    case 'tools/call':
      return toolCall(id, params, caller);
    case 'tools/list':
      return { kind: 'list', id };
    case 'initialize':
      return { kind: 'initialize', id, params };
    case 'ping':
      return answered(rpcResult(id, {}));
    default:
      return answered(
        rpcError(id, { code: RPC.METHOD_NOT_FOUND, message: `Method not found: ${message.method}` }),
      );
  }
}

function toolCall(id: RequestId, params: Record<string, unknown>, caller: McpCaller): RoutedMessage {
  const tool = params.name;
  if (typeof tool !== 'string')
    return answered(rpcError(id, { code: RPC.INVALID_PARAMS, message: 'tools/call needs the tool name' }));
  const meta = isObject(params._meta) ? params._meta : undefined;
  const key = meta?.idempotencyKey;
  if (key !== undefined && typeof key !== 'string')
    return answered(
      rpcError(id, { code: RPC.INVALID_PARAMS, message: '_meta.idempotencyKey must be a string' }),
    );
  const target = parseToolName(tool);
  if (target === undefined) {
    const unknown = new ContractError('NOT_FOUND', `Unknown tool ${tool}`, {
      origin: 'resolve',
      requestId: crypto.randomUUID(),
    });
    return answered(rpcError(id, rpcErrorOf(unknown)));
  }
  const input = params.arguments === undefined ? {} : params.arguments;
  return new McpToolCall(id, tool, target, input, key, caller);
}
