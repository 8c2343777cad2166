import { createServer } from 'node:http';
import { createMcpNodeHandler } from '@lssm/lib.contracts/server/mcp';
import { MCP_PATH } from '../wire.js';
import { contextFromBearer, oursRegistry } from './ours-op.js';
import { listening, type StartServer } from './types.js';

/**
 * Ours over MCP: `createMcpNodeHandler(registry, ctx)` (stateless Streamable HTTP, JSON answers)
 * mounted at `/mcp`, the same op as the tool `billing_capturePayment`, the same context factory.
 */
export const start: StartServer = (port, host) => {
  const handler = createMcpNodeHandler(oursRegistry(), contextFromBearer);
  const server = createServer((req, res) => {
    if (req.url === MCP_PATH) return void handler(req, res);
    res.writeHead(404).end();
  });
  return listening(server, port, host);
};
