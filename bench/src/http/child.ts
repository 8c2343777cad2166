import type { AddressInfo } from 'node:net';
import { AllocationCounter } from './allocation.js';
import type { StartServer } from './servers/types.js';

// One server in its own process (pinned by the parent), source maps off once it is loaded. It
// reports its port once listening, and answers `cpu` with `process.cpuUsage()` and the bytes
// allocated so far; `exit` ends it (so `--cpu-prof` writes its profile).

/** The peers, by the name the parent passes on the command line. */
const SERVERS: Record<string, () => Promise<{ start: StartServer }>> = {
  bare: () => import('./servers/bare.js'),
  ours: () => import('./servers/ours.js'),
  fastify: () => import('./servers/fastify.js'),
  hono: () => import('./servers/hono.js'),
  orpc: () => import('./servers/orpc.js'),
  trpc: () => import('./servers/trpc.js'),
  // In its own workspace: ts-rest 3.52 takes zod 3 and Fastify 4 (the rest of the bench: 4 and 5).
  'ts-rest': () => import('../../../bench-peers/ts-rest/src/server.js'),
  'ours-graphql': () => import('./servers/ours-graphql.js'),
  'graphql-http': () => import('./servers/graphql-http.js'),
  mercurius: () => import('./servers/mercurius.js'),
  'ours-mcp': () => import('./servers/ours-mcp.js'),
  'mcp-sdk': () => import('./servers/mcp-sdk.js'),
};

/** A message from the server process to the parent. */
export type ChildMessage =
  | { readonly kind: 'ready'; readonly port: number }
  | { readonly kind: 'cpu'; readonly micros: number; readonly allocatedBytes: number };

/** A message from the parent to the server process. */
export type ParentMessage = 'cpu' | 'exit';

const name = process.argv[2] ?? '';
const load = SERVERS[name];
if (load === undefined || process.send === undefined)
  throw new Error(`usage: child.ts <${Object.keys(SERVERS)}> (with IPC)`);
const send = (message: ChildMessage) => process.send?.(message);
const server = await (await load()).start(0, '127.0.0.1');
// tsx turns source maps on to load the TypeScript; deployed apps run JavaScript without them. Left
// on, every formatted stack (graphql-js reads `originalError.stack`) looks up source maps per frame.
process.setSourceMapsEnabled(false);
const allocation = new AllocationCounter();
allocation.start();
process.on('message', (message: ParentMessage) => {
  if (message === 'exit') process.exit(0);
  const { user, system } = process.cpuUsage();
  send({ kind: 'cpu', micros: user + system, allocatedBytes: allocation.read() });
});
process.on('disconnect', () => process.exit(0));
send({ kind: 'ready', port: (server.address() as AddressInfo).port });
