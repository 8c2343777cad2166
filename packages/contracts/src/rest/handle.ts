import type { SpecRegistry } from '../registry/registry.js';
import { requestIdFrom } from '../runtime/digest.js';
import { corsHeaders, preflight } from './cors.js';
import { docsAssetResponse, docsPage, openApiResponse } from './documents.js';
import { inputFromQuery } from './query.js';
import { RestCall, refuse, transportError, withCors } from './rest-call.js';
import { normaliseBasePath, parseRoute, type Route } from './route.js';
import type {
  ContextThunk,
  RestOptions,
  RestRequest,
  RestResponder,
  RestResponse,
  StaticAsset,
} from './types.js';

/** Default largest body: 1 MiB. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** What an adapter adds to the shared options. */
export interface RestHandling extends RestOptions {
  /** Loads a static file of the API reference page (adapters that can read files provide it). */
  readonly docsAsset?: (file: string) => Promise<StaticAsset | undefined>;
}

/** Every response carries `X-Request-Id`, documents and preflights included. */
function withRequestId(response: RestResponse, requestId: string): RestResponse {
  return { ...response, headers: { ...response.headers, 'x-request-id': requestId } };
}

/**
 * The one REST translator every adapter calls: route by exact name, enforce methods, media type
 * and body size, read the input (JSON body, or query parameters for GET), run the pipeline and
 * turn its result into a response. It never throws.
 */
export function handleRest(
  registry: SpecRegistry,
  request: RestRequest,
  context: ContextThunk,
  options: RestHandling = {},
): Promise<RestResponse> {
  return new Promise((resolve) => answerRest(registry, request, context, options, { respond: resolve }));
}

/**
 * {@link handleRest}, handing the response to `responder` (called exactly once, now or later)
 * instead of a promise. It never throws.
 */
export function answerRest(
  registry: SpecRegistry,
  request: RestRequest,
  context: ContextThunk,
  options: RestHandling,
  responder: RestResponder,
): void {
  const response = routeRequest(registry, request, context, options, responder);
  if (response !== undefined) responder.respond(response);
}

/** Routes one request: the response when it is known at once, else undefined (the call answers later). */
function routeRequest(
  registry: SpecRegistry,
  request: RestRequest,
  context: ContextThunk,
  options: RestHandling,
  responder: RestResponder,
): RestResponse | undefined {
  const basePath = normaliseBasePath(options.basePath ?? '/api/ops');
  const incomingId = request.header('x-request-id');
  const cors = corsHeaders(options.cors, request.header('origin'));
  try {
    const route = parseRoute(request.path, basePath);
    if (route.kind === 'none')
      return refuse(transportError('NOT_FOUND', 'No such endpoint'), incomingId, cors);
    if (route.kind !== 'operation') {
      serveDocument(registry, request, route, basePath, options).then(
        (document) => responder.respond(document),
        (thrown: unknown) => responder.respond(refuse(thrown, incomingId, cors)),
      );
      return undefined;
    }
    const op = registry.resolve(route.name, route.version);
    const command = op?.spec.kind !== 'query';
    const methods = command ? 'POST' : 'GET, POST';
    if (request.method === 'OPTIONS' && options.cors !== undefined) {
      const preflighted = preflight(options.cors, request.header('origin'), methods);
      return withRequestId(preflighted, requestIdFrom(incomingId));
    }
    const allowed = command
      ? request.method === 'POST'
      : request.method === 'GET' || request.method === 'POST';
    if (op !== undefined && !allowed)
      return refuse(transportError('METHOD_NOT_ALLOWED', `Use ${methods}`), incomingId, cors, {
        allow: methods,
      });
    const call = new RestCall(
      registry,
      request,
      route,
      context,
      incomingId,
      basePath,
      cors,
      command,
      responder,
    );
    if (op === undefined) call.run(undefined);
    else if (request.method === 'GET') call.run(inputFromQuery(request.query, op.spec.io.input));
    else call.readAndRun(request, options.bodyLimit ?? DEFAULT_BODY_LIMIT);
    return undefined;
  } catch (thrown) {
    return refuse(thrown, incomingId, cors);
  }
}

/** `openapi.json`, the reference page and its assets: GET or HEAD only, each unless turned off. */
async function serveDocument(
  registry: SpecRegistry,
  request: RestRequest,
  route: Exclude<Route, { kind: 'operation' | 'none' }>,
  basePath: string,
  options: RestHandling,
): Promise<RestResponse> {
  const incomingId = request.header('x-request-id');
  const cors = corsHeaders(options.cors, request.header('origin'));
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return refuse(transportError('METHOD_NOT_ALLOWED', 'Use GET, HEAD'), incomingId, cors, {
      allow: 'GET, HEAD',
    });
  const requestId = requestIdFrom(incomingId);
  if (route.kind === 'openapi' && options.openapi !== false)
    return withCors(withRequestId(openApiResponse(registry, basePath, options.openapi), requestId), cors);
  if (route.kind === 'docs' && options.docs !== false && options.docsAsset !== undefined)
    return withRequestId(docsPage(basePath), requestId);
  if (route.kind === 'docs-asset' && options.docs !== false && options.docsAsset !== undefined) {
    const asset = await docsAssetResponse(options.docsAsset, route.file);
    if (asset !== undefined) return withRequestId(asset, requestId);
  }
  return refuse(transportError('NOT_FOUND', 'No such endpoint'), incomingId, cors);
}
