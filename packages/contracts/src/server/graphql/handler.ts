import { type ExecutionArgs, getOperationAST } from 'graphql';
import { createHandler, type Response as GraphQLHttpResponse } from 'graphql-http';
import type { SpecRegistry } from '../../index.js';
import type { GraphQLCall } from './call.js';
import { DocumentCache } from './documents.js';
import { codedResult, errorAnswer, formatLastResort, requestError, withCode } from './errors.js';
import { answerFast } from './fast-answer.js';
import {
  answerGeneral,
  type EngineParts,
  FAST_ANSWER_INITS,
  FastExchange,
  type FastRequest,
  fastPlanFor,
  type GraphQLResponder,
  respondWith,
} from './fast-exchange.js';
import { type JsonPost, postedBody, readJsonPost } from './json-post.js';
import { DEFAULT_GRAPHQL_LIMITS, type GraphQLLimits } from './limits.js';
import { DEFAULT_CSRF_HEADERS, type GraphQLHttpRequest, paramsReader } from './request-params.js';
import { currentSchema } from './schema.js';

/** Options shared by the GraphQL handlers. */
export interface GraphQLOptions {
  /** Answer only on this path (e.g. `/graphql`); other paths get 404. `false`: every path. */
  readonly path?: string | false;
  /**
   * Allow introspection (`__schema`, `__type`) and "did you mean" hints. Default: on unless
   * `NODE_ENV` is `production` (read once, when the handler is made).
   */
  readonly introspection?: boolean;
  readonly limits?: GraphQLLimits;
  /**
   * GET requests must carry one of these headers (default {@link DEFAULT_CSRF_HEADERS}), so a
   * cross-site page cannot make a browser send one with the user's cookies. POST already needs
   * `application/json`, which browsers only send cross-site after a CORS preflight. `false`: off.
   */
  readonly csrfPrevention?: boolean | { readonly headers: readonly string[] };
  /** Total query text kept parsed and validated (default 262,144 characters); `false`: no cache. */
  readonly documentCache?: false | { readonly maxChars: number };
  /**
   * Answer POSTed JSON for cached documents of one plain root field without graphql-js's
   * `execute` (same answers, less work; see docs/transports/graphql.md). Default: on.
   */
  readonly fastPath?: boolean;
}

/** What the adapters share: one GraphQL-over-HTTP exchange, and the body limit they read under. */
export interface GraphQLEngine {
  readonly bodyLimit: number;
  /** Answers one request (`pathname` is compared with the `path` option); never throws. */
  answer(request: GraphQLHttpRequest, pathname: () => string): Promise<GraphQLHttpResponse>;
  /**
   * {@link answer} for adapters that read bodies into a receiver: a POST the fast path can answer
   * is answered without promises of its own; anything else goes to graphql-http. Tells
   * `responder` once; never throws.
   */
  answerInto(request: FastRequest, responder: GraphQLResponder): void;
}

function isProduction(): boolean {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.NODE_ENV === 'production';
}

function csrfHeadersOf(option: GraphQLOptions['csrfPrevention']): readonly string[] | undefined {
  if (option === false) return undefined;
  if (option === undefined || option === true) return DEFAULT_CSRF_HEADERS;
  return option.headers.map((h) => h.toLowerCase());
}

/**
 * The GraphQL-over-HTTP exchange on graphql-http's handler: its request parsing, content
 * negotiation and response rules, with our limits, CSRF prevention, cached documents, and every
 * error coded. The Fetch and node:http handlers are thin adapters around it.
 */
export function createGraphQLEngine(registry: SpecRegistry, options: GraphQLOptions): GraphQLEngine {
  const limits: Required<GraphQLLimits> = { ...DEFAULT_GRAPHQL_LIMITS, ...options.limits };
  const introspection = options.introspection ?? !isProduction();
  const rules = { limits, introspection };
  const cache = new DocumentCache(
    options.documentCache === false ? 0 : (options.documentCache?.maxChars ?? 262_144),
    rules,
  );
  const path = options.path === false ? undefined : options.path;
  const fast = options.fastPath !== false;
  currentSchema(registry); // fails now, at start-up, when the registry cannot make a schema
  const handle = createHandler<unknown, GraphQLCall, Record<PropertyKey, unknown>>({
    parseRequestParams: paramsReader(limits, csrfHeadersOf(options.csrfPrevention)),
    onSubscribe(req, params) {
      const call = req.context;
      const schema = currentSchema(registry);
      const prepared = cache.get(schema, params.query);
      if (prepared.errors !== undefined) return prepared.errors.map((e) => withCode(e, call.requestId));
      const operation = getOperationAST(prepared.document, params.operationName);
      if (operation === null || operation === undefined)
        return [requestError('INVALID_INPUT', 'Name the operation to run (operationName)', call.requestId)];
      if (operation.operation === 'mutation' && req.method !== 'POST')
        return errorAnswer('METHOD_NOT_ALLOWED', 'Mutations need POST', call.requestId, { allow: 'POST' });
      const args: ExecutionArgs & { contextValue: Record<PropertyKey, unknown> } = {
        schema,
        document: prepared.document,
        operationName: params.operationName,
        variableValues: params.variables,
        // graphql-http types the context as a record; graphql-js hands it to resolvers untouched.
        contextValue: call as unknown as Record<PropertyKey, unknown>,
        rootValue: undefined,
        // Without introspection, "did you mean" hints would reveal input fields piece by piece.
        hideSuggestions: !introspection,
      };
      return args;
    },
    onOperation: (req, _args, result) => codedResult(result, req.context.requestId),
    formatError: formatLastResort,
  });
  const parts: EngineParts = {
    registry,
    limits,
    cache,
    hideSuggestions: !introspection,
    async general(request) {
      try {
        return await handle(request);
      } catch {
        // A registry that cannot make a schema (see currentSchema) or a fault in graphql-http.
        return errorAnswer('INTERNAL', undefined, request.context.requestId);
      }
    },
  };
  return {
    bodyLimit: limits.bodyLimit,
    async answer(request, pathname) {
      const requestId = request.context.requestId;
      if (path !== undefined && pathname() !== path)
        return errorAnswer('NOT_FOUND', 'No GraphQL endpoint at this path', requestId);
      try {
        if (!fast || request.method !== 'POST') return await parts.general(request);
        const post = await readJsonPost(request, limits);
        if ('fallback' in post) return await parts.general(post.fallback);
        const plan = fastPlanFor(parts, post);
        if (plan === undefined) return await parts.general(withBody(request, post));
        const body = await answerFast(plan, post.variables, request.context, !introspection);
        return [body, FAST_ANSWER_INITS[post.mediaType]];
      } catch {
        return errorAnswer('INTERNAL', undefined, requestId);
      }
    },
    answerInto(request, responder) {
      const call = request.call;
      try {
        if (path !== undefined && request.path !== path)
          respondWith(
            responder,
            call,
            errorAnswer('NOT_FOUND', 'No GraphQL endpoint at this path', call.requestId),
          );
        else if (!fast || request.method !== 'POST') answerGeneral(parts, request, undefined, responder);
        else new FastExchange(parts, request, responder).start();
      } catch {
        respondWith(responder, call, errorAnswer('INTERNAL', undefined, call.requestId));
      }
    },
  };
}

/** The request again for graphql-http, its body already read and parsed. */
function withBody(request: GraphQLHttpRequest, post: JsonPost): GraphQLHttpRequest {
  return { ...request, body: postedBody(post) };
}
