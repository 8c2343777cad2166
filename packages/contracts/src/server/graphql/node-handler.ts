import type { IncomingMessage, ServerResponse } from 'node:http';
import { type AppContext, requestIdFrom, type SpecRegistry } from '../../index.js';
import { NodeRequest } from '../node-io/index.js';
import { GraphQLCall } from './call.js';
import type { FastRequest, GraphQLResponder } from './fast-exchange.js';
import { createGraphQLEngine, type GraphQLOptions } from './handler.js';
import type { GraphQLHttpRequest } from './request-params.js';

/** A node:http request as the GraphQL engine reads it, and where its answer is written. */
class GraphQLNodeRequest extends NodeRequest implements FastRequest, GraphQLResponder {
  readonly call: GraphQLCall;
  readonly #req: IncomingMessage;
  readonly #limit: number;

  constructor(
    req: IncomingMessage,
    res: ServerResponse,
    createContext: (request: IncomingMessage) => AppContext | Promise<AppContext>,
    limit: number,
  ) {
    super(req, res);
    this.#req = req;
    this.#limit = limit;
    this.call = new GraphQLCall(
      requestIdFrom(this.header('x-request-id')),
      () => createContext(req),
      this.header('idempotency-key'),
      this.clientKey,
      this,
    );
  }

  forGraphqlHttp(body: GraphQLHttpRequest['body'] | undefined): GraphQLHttpRequest {
    const req = this.#req;
    return {
      method: this.method,
      url: req.url ?? '/',
      headers: req.headers,
      body: body ?? (() => this.#bodyText()),
      raw: req,
      context: this.call,
    };
  }

  /** The body as graphql-http wants it: text, or a rejection (marking the call when it was too large). */
  async #bodyText(): Promise<string> {
    const read = await this.readBody(this.#limit);
    if (read.kind === 'text') return read.text;
    throw this.call.bodyRefused(read.kind);
  }

  send(status: number, headers: Record<string, string>, body: string): void {
    this.respond({ status, headers, body });
  }
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
): (req: IncomingMessage, res: ServerResponse) => void {
  const engine = createGraphQLEngine(registry, { ...options, path: options.path ?? '/graphql' });
  const limit = engine.bodyLimit;
  return (req, res) => {
    const request = new GraphQLNodeRequest(req, res, createContext, limit);
    engine.answerInto(request, request);
  };
}
