import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { type ExecuteResult, errorMapping } from '../../index.js';
import {
  errorBody,
  isObject,
  type RequestId,
  type RpcErrorObject,
  type RpcReply,
  rpcError,
  rpcErrorOf,
  rpcResult,
} from './protocol.js';

/** What a `tools/call` answers: a tool result, or a JSON-RPC error for protocol faults. */
export type ToolOutcome =
  | { readonly kind: 'result'; readonly result: CallToolResult }
  | { readonly kind: 'fault'; readonly error: RpcErrorObject };

/** The `_meta` key telling a caller its call was an idempotent replay (the handler did not run again). */
export const REPLAYED_META_KEY = 'idempotentReplayed';

/** The JSON-RPC error a failed call is, or undefined when it is a tool result with `isError`. */
function toolFault(result: ExecuteResult, tool: string): RpcErrorObject | undefined {
  if (result.ok) return undefined;
  const error = result.error;
  if (error.code === 'NOT_FOUND' && error.origin === 'resolve')
    return rpcErrorOf(error, `Unknown tool ${tool}`);
  return errorMapping(error).mcp === 'protocol' ? rpcErrorOf(error) : undefined;
}

/** The text content of a result: the output as JSON, or `{"error": {...}}` for a failure. */
function resultText(result: ExecuteResult): string {
  if (!result.ok) return JSON.stringify({ error: errorBody(result.error) });
  // A toJSON answering undefined would leave no text: such an output is given as null.
  return JSON.stringify(result.output ?? null) ?? 'null';
}

/**
 * Translates the pipeline's answer. Success: the output as JSON text plus `structuredContent`
 * (when it is an object). Failures: `ERROR_TABLE`'s `mcp` column decides — `tool` errors (and
 * declared domain errors) are results with `isError: true` and `{"error": {code, message, ...}}`
 * as text; `protocol` errors and unknown tools are JSON-RPC errors with the table's `jsonRpc` code.
 * Error results carry no `structuredContent`: SDK clients (1.32) would check it against the
 * tool's output schema and throw.
 */
export function toolOutcome(result: ExecuteResult, tool: string): ToolOutcome {
  const fault = toolFault(result, tool);
  if (fault !== undefined) return { kind: 'fault', error: fault };
  const answer: CallToolResult = { content: [{ type: 'text', text: resultText(result) }] };
  if (result.ok && isObject(result.output)) answer.structuredContent = result.output;
  if (!result.ok) answer.isError = true;
  if (result.replayed) answer._meta = { [REPLAYED_META_KEY]: true };
  return { kind: 'result', result: answer };
}

/** The JSON-RPC reply carrying a {@link toolOutcome}. */
export function toolReply(id: RequestId, result: ExecuteResult, tool: string): RpcReply {
  const outcome = toolOutcome(result, tool);
  return outcome.kind === 'result' ? rpcResult(id, outcome.result) : rpcError(id, outcome.error);
}

/**
 * `JSON.stringify(toolReply(id, result, tool))`, written directly: the output is serialized once
 * (its text is also the `structuredContent`), and no result objects are made on the way.
 */
export function toolReplyJson(id: RequestId, result: ExecuteResult, tool: string): string {
  const fault = toolFault(result, tool);
  if (fault !== undefined) return JSON.stringify(rpcError(id, fault));
  const text = resultText(result);
  let json = `{"jsonrpc":"2.0","id":${JSON.stringify(id)},"result":{"content":[{"type":"text","text":${JSON.stringify(text)}}]`;
  if (!result.ok) json += ',"isError":true';
  else if (isObject(result.output)) json += `,"structuredContent":${text}`;
  if (result.replayed) json += `,"_meta":{"${REPLAYED_META_KEY}":true}`;
  return `${json}}}`;
}
