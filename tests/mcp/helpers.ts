// Real servers and real SDK clients for the MCP end-to-end tests: the Fetch handler and the
// node:http handler behind `http.createServer` on 127.0.0.1 port 0, and the stdio bin spawned from
// source, each reached through the SDK's own `Client`.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import type { AppContext, SpecRegistry } from '@lssm/lib.contracts';
import { createMcpNodeHandler, type McpHandlerOptions, makeMcpHandler } from '@lssm/lib.contracts/server/mcp';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { listen as listenOn } from '../support/listen.js';
import { contextFrom } from './fixture.js';

export const REPO = resolve(import.meta.dirname, '../..');
export const BIN = resolve(REPO, 'packages/contracts/src/server/mcp/stdio-bin.ts');
export const STDIO_APP = resolve(REPO, 'tests/mcp/stdio-app.ts');
export const MCP_PATH = '/api/mcp';

export interface Running {
  readonly url: string;
  close(): Promise<void>;
}

async function listen(listener: RequestListener): Promise<Running> {
  const server = await listenOn(listener);
  return { url: `${server.url}${MCP_PATH}`, close: () => server.close() };
}

/** A Fetch `Request` from a node request (what Next.js hands a route handler). */
async function toFetchRequest(req: IncomingMessage, res: ServerResponse): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const gone = new AbortController();
  res.once('close', () => gone.abort());
  const method = req.method ?? 'GET';
  const body = method === 'GET' || method === 'HEAD' ? undefined : Buffer.concat(chunks);
  return new Request(`http://${req.headers.host}${req.url}`, { method, headers, body, signal: gone.signal });
}

/** `makeMcpHandler` (the Fetch/Next.js handler) behind a real node:http server. */
export function startFetchServer(registry: SpecRegistry, options: McpHandlerOptions = {}): Promise<Running> {
  const handler = makeMcpHandler(
    registry,
    (request) => contextFrom(request.headers.get('authorization')),
    options,
  );
  return listen(async (req, res) => {
    const response = await handler(await toFetchRequest(req, res));
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
}

/** `createMcpNodeHandler` as the listener of a real node:http server. */
export function startNodeServer(
  registry: SpecRegistry,
  createContext: (req: IncomingMessage) => AppContext | Promise<AppContext> = (req) =>
    contextFrom(req.headers.authorization),
): Promise<Running> {
  return listen(createMcpNodeHandler(registry, createContext));
}

/** An SDK client connected over Streamable HTTP, signed in as `user` when given. */
export async function connectHttp(url: string, user?: string): Promise<Client> {
  const headers: Record<string, string> = user === undefined ? {} : { authorization: `Bearer ${user}` };
  const client = new Client({ name: 'mcp-e2e', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

/** An SDK client that spawns `contracts-mcp` from source, with `user` as the token in the environment. */
export async function connectStdio(user?: string, stderr: string[] = []): Promise<Client> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--conditions=@lssm/source', '--import', 'tsx', BIN, STDIO_APP, '--context', STDIO_APP],
    env: user === undefined ? {} : { CONTRACTS_MCP_TOKEN: user },
    cwd: REPO,
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  const client = new Client({ name: 'mcp-e2e', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

/** The text block of a tool result, parsed as JSON. */
export function textJson(result: CallToolResult): unknown {
  const block = result.content[0];
  if (block?.type !== 'text') throw new Error('expected a text block');
  return JSON.parse(block.text);
}

/** The structured error of an `isError` tool result. */
export function toolError(result: CallToolResult): {
  code: string;
  message: string;
  requestId: string;
  issues?: { path: (string | number)[]; code: string }[];
  data?: unknown;
} {
  if (result.isError !== true) throw new Error(`expected an error result, got ${JSON.stringify(result)}`);
  return (textJson(result) as { error: ReturnType<typeof toolError> }).error;
}
