import type { Readable, Writable } from 'node:stream';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { AppContext, SpecRegistry } from '../../index.js';
import { McpDispatcher, type McpOptions } from './dispatch.js';
import { isObject, isRequestId, type RequestId } from './protocol.js';

/** Options of {@link serveStdio}. */
export interface StdioOptions extends McpOptions {
  /** Where messages come from (default `process.stdin`). */
  readonly stdin?: Readable;
  /** Where replies go (default `process.stdout`); nothing else may be written there. */
  readonly stdout?: Writable;
  /** Malformed input lines and write failures (default: a line on stderr). */
  readonly onError?: (error: Error) => void;
}

/** A running stdio server. */
export interface StdioServer {
  /** Stops reading; calls in flight still answer. */
  close(): Promise<void>;
}

function cancelledRequest(message: unknown): RequestId | undefined {
  if (!isObject(message) || message.method !== 'notifications/cancelled' || !isObject(message.params))
    return undefined;
  const id = message.params.requestId;
  return isRequestId(id) ? id : undefined;
}

/**
 * Serves the registry's operations as MCP tools over stdio (newline-delimited JSON-RPC, through the
 * SDK's `StdioServerTransport`). There is no request to read credentials from: `createContext` is
 * called for every call (so a revoked token stops working at once), typically from a token in the
 * environment. `notifications/cancelled` aborts the call's `ctx.signal`.
 * @example await serveStdio(registry, () => contextFromToken(process.env.BILLING_TOKEN));
 */
export async function serveStdio(
  registry: SpecRegistry,
  createContext: () => AppContext | Promise<AppContext>,
  options: StdioOptions = {},
): Promise<StdioServer> {
  // Loaded here, not at the top: the HTTP handlers of this entry never need the SDK at run time.
  const { StdioServerTransport } = await import('@modelcontextprotocol/sdk/server/stdio.js');
  const transport = new StdioServerTransport(options.stdin, options.stdout);
  const dispatcher = new McpDispatcher(registry, options);
  const onError =
    options.onError ?? ((error: Error) => process.stderr.write(`contracts-mcp: ${error.message}\n`));
  const inFlight = new Map<RequestId, AbortController>();

  const answer = async (message: unknown): Promise<void> => {
    const cancelled = cancelledRequest(message);
    if (cancelled !== undefined) {
      inFlight.get(cancelled)?.abort(new Error('the client cancelled the call'));
      return;
    }
    const id =
      isObject(message) && message.method === 'tools/call' && isRequestId(message.id)
        ? message.id
        : undefined;
    const controller = id === undefined ? undefined : new AbortController();
    if (id !== undefined && controller !== undefined) inFlight.set(id, controller);
    const reply = await dispatcher.handle(message, {
      context: createContext,
      clientKey: 'stdio',
      signal: controller?.signal,
    });
    if (id !== undefined) inFlight.delete(id);
    // A cancelled request gets no reply (the client has stopped waiting for it).
    if (reply === undefined || controller?.signal.aborted === true) return;
    // An RpcReply is a JSON-RPC response; the SDK's type is the zod-inferred union of every message.
    await transport.send(reply as JSONRPCMessage);
  };

  transport.onmessage = (message) => {
    answer(message).catch((error: unknown) =>
      onError(error instanceof Error ? error : new Error(String(error))),
    );
  };
  transport.onerror = onError;
  await transport.start();
  return { close: () => transport.close() };
}
