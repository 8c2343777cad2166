import { type AppContext, fromFetchRequest, type SpecRegistry, toFetchResponse } from '../../index.js';
import { McpDispatcher, type McpOptions } from './dispatch.js';
import { handleMcpHttp, type McpHttpOptions } from './http.js';

/** Options of {@link makeMcpHandler}. */
export interface McpHandlerOptions extends McpOptions, McpHttpOptions {
  /** Identifies the client for rate limits of anonymous calls (e.g. from a trusted proxy header). */
  readonly clientKey?: (request: Request) => string | undefined;
}

/**
 * A Fetch API handler serving the registry's operations as MCP tools over Streamable HTTP
 * (stateless, JSON answers): a Next.js route at `/api/mcp`, or any runtime with `Request` and
 * `Response`. `createContext` is the same factory the REST handlers take; it is called once per
 * HTTP request, when a message needs the caller's identity.
 * @example
 * // app/api/mcp/route.ts
 * const handler = makeMcpHandler(registry, async (req) => contextFromSession(await auth(req)));
 * export { handler as GET, handler as POST, handler as DELETE };
 */
export function makeMcpHandler(
  registry: SpecRegistry,
  createContext: (request: Request) => AppContext | Promise<AppContext>,
  options: McpHandlerOptions = {},
): (request: Request) => Promise<Response> {
  const dispatcher = new McpDispatcher(registry, options);
  return async (request) => {
    const clientKey = options.clientKey?.(request);
    const http = fromFetchRequest(request, clientKey === undefined ? {} : { clientKey });
    return toFetchResponse(await handleMcpHttp(dispatcher, http, () => createContext(request), options));
  };
}
