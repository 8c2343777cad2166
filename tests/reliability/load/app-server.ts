// One server process of the billing example for the load tests, run by ./cluster.ts as
// `node --conditions=@lssm/source --import tsx` with the example as working directory (so tsx maps
// `@/...` through the example's tsconfig). It serves the app's own route handlers, unchanged
// (app/api/ops, app/api/graphql, app/api/mcp: the same registry, auth, ports and runtime `next start`
// uses), and runs the app's start-up (migrate, seed, recovery job) as instrumentation.ts does. Only
// Next.js's HTTP server is swapped for node:http. Prints `LISTENING <port>` once it answers.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

type RouteHandler = (request: Request) => Promise<Response>;
interface RouteModule {
  readonly POST: RouteHandler;
  readonly GET: RouteHandler;
}

const appDir = process.cwd();
async function route(path: string): Promise<RouteModule> {
  // The route files are the app's; their exports are Next.js route handlers (Request -> Response).
  return (await import(pathToFileURL(join(appDir, 'app/api', path, 'route.ts')).href)) as RouteModule;
}

const { startBilling } = (await import(pathToFileURL(join(appDir, 'lib/jobs/start.ts')).href)) as {
  startBilling: () => Promise<void>;
};
await startBilling();
const routes: ReadonlyArray<readonly [string, RouteModule]> = [
  ['/api/ops/', await route('ops/[...route]')],
  ['/api/graphql', await route('graphql')],
  ['/api/mcp', await route('mcp')],
];

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
  const found = routes.find(([prefix]) => url.pathname.startsWith(prefix));
  if (found === undefined) {
    res.writeHead(404).end();
    return;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers))
    if (typeof value === 'string') headers.set(name, value);
  const method = req.method ?? 'GET';
  const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req);
  const handler = method === 'GET' ? found[1].GET : found[1].POST;
  const init = { method, headers, body: body === undefined ? undefined : new Uint8Array(body) };
  const response = await handler(new Request(url, init));
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

const server = createServer((req, res) => {
  serve(req, res).catch((error: unknown) => {
    console.error('app-server: request failed', error);
    if (!res.headersSent) res.writeHead(502);
    res.end();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`LISTENING ${typeof address === 'object' && address !== null ? address.port : 0}`);
});
process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  process.exit(0);
});
