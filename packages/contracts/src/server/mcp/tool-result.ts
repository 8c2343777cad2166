import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { type ExecuteResult, errorMapping } from '../../index.js';
import { errorBody, isObject, type RpcErrorObject, rpcErrorOf } from './protocol.js';

/** What a `tools/call` answers: a tool result, or a JSON-RPC error for protocol faults. */
export type ToolOutcome =
  | { readonly kind: 'result'; readonly result: CallToolResult }
  | { readonly kind: 'fault'; readonly error: RpcErrorObject };

/** The `_meta` key telling a caller its call was an idempotent replay (the handler did not run again). */
export const REPLAYED_META_KEY = 'idempotentReplayed';

/**
 * Translates the pipeline's answer. Success: the output as JSON text plus `structuredContent`
 * (when it is an object). Failures: `ERROR_TABLE`'s `mcp` column decides — `tool` errors (and
 * declared domain errors) are results with `isError: true` and `{"error": {code, message, ...}}`
 * as text; `protocol` errors and unknown tools are JSON-RPC errors with the table's `jsonRpc` code.
 * Error results carry no `structuredContent`: SDK clients (1.32) would check it against the
 * tool's output schema and throw.
 */
export function toolOutcome(result: ExecuteResult, tool: string): ToolOutcome {
  if (result.ok) {
    const output = result.output;
    const answer: CallToolResult = { content: [{ type: 'text', text: JSON.stringify(output ?? null) }] };
    if (isObject(output)) answer.structuredContent = output;
    if (result.replayed) answer._meta = { [REPLAYED_META_KEY]: true };
    return { kind: 'result', result: answer };
  }
  const error = result.error;
  if (error.code === 'NOT_FOUND' && error.origin === 'resolve')
    return { kind: 'fault', error: rpcErrorOf(error, `Unknown tool ${tool}`) };
  if (errorMapping(error).mcp === 'protocol') return { kind: 'fault', error: rpcErrorOf(error) };
  const answer: CallToolResult = {
    content: [{ type: 'text', text: JSON.stringify({ error: errorBody(error) }) }],
    isError: true,
  };
  if (result.replayed) answer._meta = { [REPLAYED_META_KEY]: true };
  return { kind: 'result', result: answer };
}
