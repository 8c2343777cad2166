import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppContext, SpecRegistry } from '../../index.js';
import { NodeRequest } from '../node-io/index.js';
import { McpDispatcher, type McpOptions } from './dispatch.js';
import { answerMcpHttp, type McpHttpOptions } from './http.js';

/**
 * A `node:http` request listener serving the registry's operations as MCP tools over Streamable
 * HTTP (stateless, JSON answers), without Fetch `Request`/`Response` objects in between. It
 * answers every request it is given: mount it at your MCP path (e.g. `/mcp`).
 * @example http.createServer(createMcpNodeHandler(registry, (req) => contextFrom(req.headers.authorization))).listen(3001);
 */
export function createMcpNodeHandler(
  registry: SpecRegistry,
  createContext: (request: IncomingMessage) => AppContext | Promise<AppContext>,
  options: McpOptions & McpHttpOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const dispatcher = new McpDispatcher(registry, options);
  return (req, res) => {
    const request = new NodeRequest(req, res);
    answerMcpHttp(dispatcher, request, () => createContext(req), options, request);
  };
}
