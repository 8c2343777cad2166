import { createMcpNodeHandler } from '@lssm/lib.contracts/server/mcp';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { listen } from '../../support/listen.js';
import { contextFrom } from '../world.js';
import type { Outcome, StartDriver } from './types.js';

const TOOLS = { capture: 'billing_capturePayment', explode: 'ops_explode', legacy: 'billing_legacyCharge' };
const NAMES = { capture: 'billing.capturePayment', explode: 'ops.explode', legacy: 'billing.legacyCharge' };

interface ToolError {
  readonly code: string;
  readonly message: string;
  readonly issues?: { path: (string | number)[] }[];
}

/** MCP through the node:http handler, called by the SDK's own Client over Streamable HTTP. */
export const startMcp: StartDriver = async (world) => {
  const server = await listen(
    createMcpNodeHandler(world.registry, (req) => contextFrom(req.headers.authorization)),
  );
  const clients = new Map<string, Client>();
  const clientFor = async (user: string | undefined): Promise<Client> => {
    const key = user ?? '';
    let client = clients.get(key);
    if (client === undefined) {
      const headers: Record<string, string> = user === undefined ? {} : { authorization: `Bearer ${user}` };
      client = new Client({ name: 'conformance', version: '1.0.0' });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers } }),
      );
      clients.set(key, client);
    }
    return client;
  };
  return {
    transport: 'mcp',
    opName: (op) => NAMES[op],
    async call({ op, input, user, idempotencyKey }): Promise<Outcome> {
      const client = await clientFor(user);
      const listed = (await client.listTools()).tools.find((tool) => tool.name === TOOLS[op]);
      const deprecated = listed?.title?.includes('[deprecated]') === true;
      const result = (await client.callTool({
        name: TOOLS[op],
        arguments: input as Record<string, unknown>,
        ...(idempotencyKey === undefined ? {} : { _meta: { idempotencyKey } }),
      })) as CallToolResult;
      const replayed = result._meta?.idempotentReplayed === true;
      if (result.isError !== true)
        return { ok: true, output: result.structuredContent, replayed, deprecated };
      const text = result.content.find((block) => block.type === 'text');
      const { error } = JSON.parse(text?.type === 'text' ? text.text : '{}') as { error: ToolError };
      return {
        ok: false,
        code: error.code,
        message: error.message,
        issuePaths: error.issues?.map((issue) => issue.path),
        replayed,
        deprecated,
      };
    },
    async close() {
      for (const client of clients.values()) await client.close();
      await server.close();
    },
  };
};
