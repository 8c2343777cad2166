import type { IncomingMessage, ServerResponse } from 'node:http';
import { type AppContext, requestIdFrom, type SpecRegistry } from '../../index.js';
import { clientGoneSignal, readNodeBody, writeNodeAnswer } from '../node-io/index.js';
import { GraphQLCall } from './call.js';
import { answerHeaders, createGraphQLEngine, type GraphQLOptions } from './handler.js';

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The body as graphql-http wants it: text, or a rejection (marking the call when it was too large). */
async function bodyText(req: IncomingMessage, limit: number, call: GraphQLCall): Promise<string> {
  const read = await readNodeBody(req, limit);
  if (read.kind === 'text') return read.text;
  if (read.kind === 'too-large') call.bodyTooLarge = true;
  throw new Error(read.kind === 'too-large' ? 'The body is too large' : 'The body is not UTF-8');
}

/**
 * A `node:http` request listener serving the registry's operations over GraphQL at `path`
 * (default `/graphql`; other paths get 404), without Fetch objects in between. The context
 * factory is the same as REST's and may be async. Throws at once when the registry cannot make a
 * schema (two models with one name).
 * @example http.createServer(createGraphQLNodeHandler(registry, (req) => ({ actor: 'anonymous' }))).listen(4000);
 */
export function createGraphQLNodeHandler(
  registry: SpecRegistry,
  createContext: (request: IncomingMessage) => AppContext | Promise<AppContext>,
  options: GraphQLOptions = {},
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const engine = createGraphQLEngine(registry, { ...options, path: options.path ?? '/graphql' });
  const limit = engine.bodyLimit;
  return async (req, res) => {
    const url = req.url ?? '/';
    const headers = req.headers;
    const call = new GraphQLCall(
      requestIdFrom(single(headers['x-request-id'])),
      () => createContext(req),
      single(headers['idempotency-key']),
      req.socket.remoteAddress ?? 'unknown',
      clientGoneSignal(res),
    );
    const [body, init] = await engine.answer(
      {
        method: req.method ?? 'GET',
        url,
        headers,
        body: () => bodyText(req, limit, call),
        raw: req,
        context: call,
      },
      () => {
        const q = url.indexOf('?');
        return q < 0 ? url : url.slice(0, q);
      },
    );
    writeNodeAnswer(req, res, init.status, answerHeaders(init, call), body ?? '');
  };
}
