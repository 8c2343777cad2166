import { createServer, type IncomingMessage } from 'node:http';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod';
import { ZodInput } from '../../validation/contenders/zod.js';
import { bearerUser, capture, FIELD, MCP_PATH } from '../wire.js';
import { listening, type StartServer } from './types.js';

const PaymentResult = z.object({
  transactionId: z.string(),
  status: z.string(),
  receiptUrl: z.string().optional(),
});

const UNAUTHENTICATED: CallToolResult = {
  content: [
    {
      type: 'text',
      text: JSON.stringify({ error: { code: 'UNAUTHENTICATED', message: 'Authentication is required' } }),
    },
  ],
  isError: true,
};

/** A server with the op's tool: zod input (the validation benchmark's model) and output schemas. */
function mcpServer(): McpServer {
  const server = new McpServer({ name: 'bench-mcp-sdk', version: '1.0.0' });
  server.registerTool(
    FIELD,
    { description: 'Process a payment for an invoice', inputSchema: ZodInput, outputSchema: PaymentResult },
    (input, extra) => {
      if (extra.authInfo === undefined) return UNAUTHENTICATED;
      const output = capture(input);
      return { content: [{ type: 'text', text: JSON.stringify(output) }], structuredContent: output };
    },
  );
  return server;
}

/**
 * The MCP SDK 1.32's stateless Streamable HTTP pattern, as its docs show it: for every request a
 * new `McpServer` with the tool and a new transport (`sessionIdGenerator: undefined`, JSON answers),
 * closed with the response. The bearer's user reaches the tool as `authInfo` (`req.auth`, as the
 * SDK's bearer middleware passes it); the SDK reads and parses the body itself.
 */
export const start: StartServer = (port, host) => {
  const server = createServer(async (req: IncomingMessage & { auth?: AuthInfo }, res) => {
    if (req.url !== MCP_PATH) return void res.writeHead(404).end();
    const user = bearerUser(req.headers.authorization);
    if (user !== undefined) req.auth = { token: user, clientId: user, scopes: [] };
    const mcp = mcpServer();
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    res.on('close', () => {
      void transport.close();
      void mcp.close();
    });
    try {
      await mcp.connect(transport);
      await transport.handleRequest(req, res);
    } catch {
      if (!res.headersSent) res.writeHead(500).end();
    }
  });
  return listening(server, port, host);
};
