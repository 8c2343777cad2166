import type { SpecRegistry } from '../registry/registry.js';
import { requestIdFrom } from '../runtime/digest.js';
import { ContractError } from '../runtime/errors.js';
import { type ExecuteRequest, type ExecuteResult, execute } from '../runtime/execute.js';
import { isJsonContentType, parseJsonBody } from './body.js';
import { corsHeaders, preflight } from './cors.js';
import { docsAssetResponse, docsPage, openApiResponse } from './documents.js';
import { inputFromQuery } from './query.js';
import { deprecationHeaders, errorResponse, jsonResponse } from './response.js';
import { normaliseBasePath, parseRoute, type Route } from './route.js';
import type { BodyRead, ContextThunk, RestOptions, RestRequest, RestResponse, StaticAsset } from './types.js';

/** Default largest body: 1 MiB. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** What an adapter adds to the shared options. */
export interface RestHandling extends RestOptions {
  /** Loads a static file of the API reference page (adapters that can read files provide it). */
  readonly docsAsset?: (file: string) => Promise<StaticAsset | undefined>;
}

function transportError(
  code: 'METHOD_NOT_ALLOWED' | 'UNSUPPORTED_MEDIA_TYPE' | 'PAYLOAD_TOO_LARGE' | 'NOT_FOUND' | 'INVALID_INPUT',
  message?: string,
) {
  return new ContractError(code, message, { origin: 'transport' });
}

function withCors(response: RestResponse, cors: Record<string, string> | undefined): RestResponse {
  return cors === undefined ? response : { ...response, headers: { ...response.headers, ...cors } };
}

/** Every response carries `X-Request-Id`, documents and preflights included. */
function withRequestId(response: RestResponse, requestId: string): RestResponse {
  return { ...response, headers: { ...response.headers, 'x-request-id': requestId } };
}

function readInput(request: RestRequest, limit: number): Promise<unknown> {
  if (!isJsonContentType(request.header('content-type'))) {
    throw transportError('UNSUPPORTED_MEDIA_TYPE', 'Send the input as application/json');
  }
  const declared = Number(request.header('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw transportError('PAYLOAD_TOO_LARGE');
  return request.readBody(limit).then(parseBodyRead);
}

function parseBodyRead(body: BodyRead): unknown {
  if (body.kind === 'too-large') throw transportError('PAYLOAD_TOO_LARGE');
  if (body.kind === 'unreadable')
    throw transportError('INVALID_INPUT', 'The body could not be read as UTF-8');
  return parseJsonBody(body.text);
}

/** An answer given here rather than by the pipeline, with the pipeline's request id rule. */
function refuse(
  error: ContractError,
  incomingId: string | undefined,
  cors: Record<string, string> | undefined,
  extra?: Record<string, string>,
): RestResponse {
  return withCors(errorResponse(error, requestIdFrom(incomingId), extra), cors);
}

function answer(result: ExecuteResult, basePath: string, command: boolean): RestResponse {
  let extra = result.spec === undefined ? undefined : deprecationHeaders(result.spec, basePath);
  if (command && result.replayed) {
    extra ??= {};
    extra['idempotent-replayed'] = 'true';
  }
  if (result.ok) return jsonResponse(200, result.output, result.requestId, extra);
  return errorResponse(result.error, result.requestId, extra);
}

/**
 * The one REST translator every adapter calls: route by exact name, enforce methods, media type
 * and body size, read the input (JSON body, or query parameters for GET), run the pipeline and
 * turn its result into a response. It never throws.
 */
export async function handleRest(
  registry: SpecRegistry,
  request: RestRequest,
  context: ContextThunk,
  options: RestHandling = {},
): Promise<RestResponse> {
  const basePath = normaliseBasePath(options.basePath ?? '/api/ops');
  const incomingId = request.header('x-request-id');
  const cors = corsHeaders(options.cors, request.header('origin'));
  try {
    const route = parseRoute(request.path, basePath);
    if (route.kind === 'none')
      return refuse(transportError('NOT_FOUND', 'No such endpoint'), incomingId, cors);
    if (route.kind !== 'operation') return await serveDocument(registry, request, route, basePath, options);
    const op = registry.resolve(route.name, route.version);
    const command = op?.spec.kind !== 'query';
    const methods = command ? 'POST' : 'GET, POST';
    if (request.method === 'OPTIONS' && options.cors !== undefined)
      return withRequestId(
        preflight(options.cors, request.header('origin'), methods),
        requestIdFrom(incomingId),
      );
    const allowed = command
      ? request.method === 'POST'
      : request.method === 'GET' || request.method === 'POST';
    if (op !== undefined && !allowed)
      return refuse(transportError('METHOD_NOT_ALLOWED', `Use ${methods}`), incomingId, cors, {
        allow: methods,
      });
    const input =
      op === undefined
        ? undefined
        : request.method === 'GET'
          ? inputFromQuery(request.query, op.spec.io.input)
          : await readInput(request, options.bodyLimit ?? DEFAULT_BODY_LIMIT);
    // Built by assignment: object spread with extra keys is a slow path on Node 20's V8.
    const call: { -readonly [K in keyof ExecuteRequest]: ExecuteRequest[K] } = {
      name: route.name,
      input,
      transport: 'rest',
      context,
    };
    if (route.version !== undefined) call.version = route.version;
    if (incomingId !== undefined) call.requestId = incomingId;
    const idempotencyKey = request.header('idempotency-key');
    if (idempotencyKey !== undefined) call.idempotencyKey = idempotencyKey;
    if (request.clientKey !== undefined) call.clientKey = request.clientKey;
    if (request.signal !== undefined) call.signal = request.signal;
    const result = await execute(registry, call);
    return withCors(answer(result, basePath, command), cors);
  } catch (thrown) {
    const error = ContractError.is(thrown)
      ? thrown
      : new ContractError('INTERNAL', undefined, { origin: 'transport', cause: thrown });
    return refuse(error, incomingId, cors);
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
