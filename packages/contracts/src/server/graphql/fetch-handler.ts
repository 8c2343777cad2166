import { type AppContext, fromFetchRequest, requestIdFrom, type SpecRegistry } from '../../index.js';
import { answerHeaders } from './answer-headers.js';
import { GraphQLCall } from './call.js';
import { createGraphQLEngine, type GraphQLOptions } from './handler.js';

/** Options of {@link makeGraphQLHandler}. */
export interface GraphQLFetchOptions extends GraphQLOptions {
  /** Identifies the client for rate limits of anonymous calls (e.g. from a trusted proxy header). */
  readonly clientKey?: (request: Request) => string | undefined;
}

/** Reads the body under the limit; graphql-http reports a throw here as unparsable, we as 413. */
async function bodyOf(request: Request, limit: number, call: GraphQLCall): Promise<string> {
  const read = await fromFetchRequest(request).readBody(limit);
  if (read.kind === 'text') return read.text;
  if (read.kind === 'too-large') call.bodyTooLarge = true;
  throw new Error('Unparsable JSON body');
}

/**
 * A Fetch API handler (`Request` -> `Response`) serving the registry's operations over GraphQL:
 * for a Next.js App Router route (`export const GET = handler; export const POST = handler;`),
 * Deno, Bun or Workers. The context factory is the same as REST's and may be async.
 * Throws at once when the registry cannot make a schema (two models with one name).
 * @example
 * const handler = makeGraphQLHandler(registry, async (req) => ({ actor: 'user', userId: (await auth(req)).userId }));
 * export { handler as GET, handler as POST };
 */
export function makeGraphQLHandler(
  registry: SpecRegistry,
  createContext: (request: Request) => AppContext | Promise<AppContext>,
  options: GraphQLFetchOptions = {},
): (request: Request) => Promise<Response> {
  const engine = createGraphQLEngine(registry, options);
  const limit = engine.bodyLimit;
  return async (request) => {
    const headers = request.headers;
    const call = new GraphQLCall(
      requestIdFrom(headers.get('x-request-id') ?? undefined),
      () => createContext(request),
      headers.get('idempotency-key') ?? undefined,
      options.clientKey?.(request),
      request.signal,
    );
    const [body, init] = await engine.answer(
      {
        method: request.method,
        url: request.url,
        headers,
        body: () => bodyOf(request, limit, call),
        raw: request,
        context: call,
      },
      () => new URL(request.url).pathname,
    );
    return new Response(body, { status: init.status, headers: answerHeaders(init, call) });
  };
}
