import type { SpecRegistry } from '../registry/registry.js';
import type { ClientSignal } from '../runtime/cancellation.js';
import { requestIdFrom } from '../runtime/digest.js';
import { ContractError } from '../runtime/errors.js';
import {
  type ExecuteReceiver,
  type ExecuteRequest,
  type ExecuteResult,
  executeInto,
} from '../runtime/execute.js';
import type { Transport } from '../spec/types.js';
import { isJsonContentType, parseJsonBody } from './body.js';
import { deprecationHeaders, errorResponse, jsonResponse } from './response.js';
import type {
  BodyRead,
  BodyReceiver,
  ContextThunk,
  RestRequest,
  RestResponder,
  RestResponse,
} from './types.js';

/** A REST transport refusal (never a 500): the request itself is wrong. */
export function transportError(
  code: 'METHOD_NOT_ALLOWED' | 'UNSUPPORTED_MEDIA_TYPE' | 'PAYLOAD_TOO_LARGE' | 'NOT_FOUND' | 'INVALID_INPUT',
  message?: string,
): ContractError {
  return new ContractError(code, message, { origin: 'transport' });
}

/** Adds the CORS headers, if any, to a response. */
export function withCors(response: RestResponse, cors: Record<string, string> | undefined): RestResponse {
  return cors === undefined ? response : { ...response, headers: { ...response.headers, ...cors } };
}

/** An answer given by the translator rather than the pipeline, with the pipeline's request id rule. */
export function refuse(
  thrown: unknown,
  incomingId: string | undefined,
  cors: Record<string, string> | undefined,
  extra?: Record<string, string>,
): RestResponse {
  const error = ContractError.is(thrown)
    ? thrown
    : new ContractError('INTERNAL', undefined, { origin: 'transport', cause: thrown });
  return withCors(errorResponse(error, requestIdFrom(incomingId), extra), cors);
}

function parseBodyRead(body: BodyRead): unknown {
  if (body.kind === 'too-large') throw transportError('PAYLOAD_TOO_LARGE');
  if (body.kind === 'unreadable')
    throw transportError('INVALID_INPUT', 'The body could not be read as UTF-8');
  return parseJsonBody(body.text);
}

/** Refuses a body that is not JSON, or declares a size over the limit, before reading any of it. */
function checkBodyHeaders(request: RestRequest, limit: number): void {
  if (!isJsonContentType(request.header('content-type'))) {
    throw transportError('UNSUPPORTED_MEDIA_TYPE', 'Send the input as application/json');
  }
  const declared = Number(request.header('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw transportError('PAYLOAD_TOO_LARGE');
}

/**
 * One operation call over REST: the pipeline request itself (one object, not a copy per step),
 * run once its input is known, and its result turned into a response.
 */
export class RestCall implements ExecuteRequest, BodyReceiver, ExecuteReceiver {
  readonly transport: Transport = 'rest';
  input: unknown = undefined;
  readonly requestId: string | undefined;
  readonly idempotencyKey: string | undefined;
  readonly clientKey: string | undefined;
  readonly signal: ClientSignal | undefined;
  readonly traceId: string | undefined = undefined;
  readonly #registry: SpecRegistry;
  readonly #basePath: string;
  readonly #cors: Record<string, string> | undefined;
  readonly #command: boolean;
  readonly #responder: RestResponder;
  readonly name: string;
  readonly version: number | undefined;

  constructor(
    registry: SpecRegistry,
    request: RestRequest,
    route: { readonly name: string; readonly version: number | undefined },
    readonly context: ContextThunk,
    incomingId: string | undefined,
    basePath: string,
    cors: Record<string, string> | undefined,
    command: boolean,
    responder: RestResponder,
  ) {
    this.#registry = registry;
    this.name = route.name;
    this.version = route.version;
    this.#responder = responder;
    this.requestId = incomingId;
    this.idempotencyKey = request.header('idempotency-key');
    this.clientKey = request.clientKey;
    this.signal = request.signal;
    this.#basePath = basePath;
    this.#cors = cors;
    this.#command = command;
  }

  /** Reads the JSON body (refused at once if its headers are wrong: this throws), then runs the pipeline. */
  readAndRun(request: RestRequest, limit: number): void {
    checkBodyHeaders(request, limit);
    if (request.readBodyInto !== undefined) request.readBodyInto(limit, this);
    else
      request.readBody(limit).then(
        (body) => this.bodyRead(body),
        (thrown: unknown) => this.#responder.respond(this.#refused(thrown)),
      );
  }

  bodyRead(body: BodyRead): void {
    let input: unknown;
    try {
      input = parseBodyRead(body);
    } catch (thrown) {
      this.#responder.respond(this.#refused(thrown));
      return;
    }
    this.run(input);
  }

  /** Runs the pipeline with `input`, then answers. */
  run(input: unknown): void {
    this.input = input;
    try {
      executeInto(this.#registry, this, this);
    } catch (thrown) {
      this.#responder.respond(this.#refused(thrown));
    }
  }

  executed(result: ExecuteResult): void {
    this.#responder.respond(this.#answer(result));
  }

  /** A failure before the pipeline ran (an unreadable body, say). */
  #refused(thrown: unknown): RestResponse {
    return refuse(thrown, this.requestId, this.#cors);
  }

  #answer(result: ExecuteResult): RestResponse {
    try {
      let extra = result.spec === undefined ? undefined : deprecationHeaders(result.spec, this.#basePath);
      if (this.#command && result.replayed) {
        extra ??= {};
        extra['idempotent-replayed'] = 'true';
      }
      const response = result.ok
        ? jsonResponse(200, result.output, result.requestId, extra)
        : errorResponse(result.error, result.requestId, extra);
      return withCors(response, this.#cors);
    } catch (thrown) {
      return this.#refused(thrown);
    }
  }
}
