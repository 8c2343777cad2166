// The MCP entry points take the very context factories the REST adapters take, and give what a
// Next.js route module exports (checked by `npm run typecheck`).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SpecRegistry } from '@lssm/lib.contracts';
import { createMcpNodeHandler, makeMcpHandler, serveStdio } from '@lssm/lib.contracts/server/mcp';
import type { makeFetchHandler } from '@lssm/lib.contracts/server/rest-fetch';
import type { createNodeHandler } from '@lssm/lib.contracts/server/rest-node';
import { describe, expectTypeOf, it } from 'vitest';

const registry = new SpecRegistry();

describe('MCP entry point types', () => {
  it('makeMcpHandler is a Fetch handler (Next.js route exports) taking the REST factory', () => {
    const handler = makeMcpHandler(registry, async (request) => ({ actor: 'user', userId: request.url }));
    expectTypeOf(handler).toEqualTypeOf<(request: Request) => Promise<Response>>();
    expectTypeOf<Parameters<typeof makeMcpHandler>[1]>().toEqualTypeOf<
      Parameters<typeof makeFetchHandler>[1]
    >();
  });

  it('createMcpNodeHandler is a node:http listener taking the REST node factory', () => {
    expectTypeOf(createMcpNodeHandler(registry, () => ({ actor: 'anonymous' }))).toEqualTypeOf<
      (req: IncomingMessage, res: ServerResponse) => void
    >();
    expectTypeOf<Parameters<typeof createMcpNodeHandler>[1]>().toEqualTypeOf<
      Parameters<typeof createNodeHandler>[1]
    >();
  });

  it('serveStdio takes a factory without a request', () => {
    expectTypeOf(serveStdio).parameter(1).toBeFunction();
    expectTypeOf(serveStdio).parameter(1).parameters.toEqualTypeOf<[]>();
  });
});
