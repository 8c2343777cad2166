import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { describe, expectTypeOf, it } from 'vitest';
import { type AppContext, SpecRegistry } from '../../index.js';
import { createGraphQLNodeHandler, type GraphQLFetchOptions, makeGraphQLHandler } from './index.js';

const registry = new SpecRegistry();

describe('GraphQL handler types', () => {
  it('makes a Fetch handler usable as a Next.js route export, with an async context factory', () => {
    const handler = makeGraphQLHandler(registry, async (request) => {
      expectTypeOf(request).toEqualTypeOf<Request>();
      return { actor: 'user', userId: request.headers.get('x-user') ?? undefined };
    });
    expectTypeOf(handler).toEqualTypeOf<(request: Request) => Promise<Response>>();
    const GET: (request: Request) => Promise<Response> = handler;
    expectTypeOf(GET).returns.resolves.toEqualTypeOf<Response>();
  });

  it('makes a node:http request listener from the same kind of factory', () => {
    const listener = createGraphQLNodeHandler(registry, (req): AppContext => {
      expectTypeOf(req).toEqualTypeOf<IncomingMessage>();
      return { actor: 'anonymous' };
    });
    expectTypeOf(listener).toExtend<RequestListener<typeof IncomingMessage, typeof ServerResponse>>();
  });

  it('takes limits, introspection and CSRF options, and refuses unknown ones', () => {
    expectTypeOf<GraphQLFetchOptions>().toHaveProperty('limits');
    makeGraphQLHandler(registry, () => ({ actor: 'anonymous' }), {
      introspection: false,
      limits: { maxDepth: 6, maxAliases: 10, bodyLimit: 65_536 },
      csrfPrevention: { headers: ['x-csrf'] },
      documentCache: false,
    });
    // @ts-expect-error not an option
    makeGraphQLHandler(registry, () => ({ actor: 'anonymous' }), { maxDepth: 6 });
  });
});
