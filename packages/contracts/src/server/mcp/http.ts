import {
  type BodyRead,
  type BodyReceiver,
  type ContextThunk,
  DEFAULT_BODY_LIMIT,
  isJsonContentType,
} from '../../index.js';
import type { McpCaller, McpDispatcher } from './dispatch.js';
import { malformedAnswer, refusedAnswer } from './http-answers.js';
import { McpHttpExchange } from './http-exchange.js';
import { PROTOCOL_VERSIONS, RPC, transportError } from './protocol.js';

/** Options of the Streamable HTTP transports. */
export interface McpHttpOptions {
  /** Largest accepted body in bytes (default 1 MiB); larger ones get 413 without being read. */
  readonly bodyLimit?: number;
  /**
   * Browser origins allowed to call (exactly as browsers send `Origin`). Requests carrying any
   * other `Origin` get 403: this is the DNS-rebinding protection MCP asks servers for. Clients that
   * are not browsers send no `Origin` and are unaffected.
   */
  readonly allowedOrigins?: readonly string[];
}

/** An HTTP request as the MCP translator sees it (a core `RestRequest` fits). */
export interface McpHttpRequest {
  readonly method: string;
  /** A request header by lower-case name. */
  header(name: string): string | undefined;
  readBody(limit: number): Promise<BodyRead>;
  /** The same as `readBody`, handing the result to `receiver` (adapters that can, to spare a promise per call). */
  readBodyInto?(limit: number, receiver: BodyReceiver): void;
  readonly clientKey?: string;
  readonly signal?: McpCaller['signal'];
}

/** The translator's answer, written out by each adapter. */
export interface McpHttpAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Where {@link answerMcpHttp} delivers its one answer (an adapter's request, say: no promise per call). */
export interface McpHttpResponder {
  respond(answer: McpHttpAnswer): void;
}

/**
 * Streamable HTTP (MCP 2025-03-26 and later), stateless, answering with JSON: `POST` carries one
 * JSON-RPC message (or a batch) and gets its reply, or 202 when it carried only notifications.
 * `GET` (the server-to-client stream) and `DELETE` (session end) get 405, which SDK clients
 * expect from a stateless server. Never throws.
 */
export function handleMcpHttp(
  dispatcher: McpDispatcher,
  request: McpHttpRequest,
  context: ContextThunk,
  options: McpHttpOptions = {},
): Promise<McpHttpAnswer> {
  return new Promise((resolve) => answerMcpHttp(dispatcher, request, context, options, { respond: resolve }));
}

/**
 * {@link handleMcpHttp}, handing the answer to `responder` (called exactly once, now or later)
 * instead of a promise. It never throws.
 */
export function answerMcpHttp(
  dispatcher: McpDispatcher,
  request: McpHttpRequest,
  context: ContextThunk,
  options: McpHttpOptions,
  responder: McpHttpResponder,
): void {
  let refusal: McpHttpAnswer | undefined;
  try {
    const limit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
    refusal = headerRefusal(request, options, limit);
    if (refusal === undefined)
      new McpHttpExchange(dispatcher, request, context, responder).read(request, limit);
  } catch {
    refusal = refusedAnswer(transportError('INTERNAL'));
  }
  if (refusal !== undefined) responder.respond(refusal);
}

/** The answer to a request refused on its method or headers alone, or undefined when it may be read. */
function headerRefusal(
  request: McpHttpRequest,
  options: McpHttpOptions,
  limit: number,
): McpHttpAnswer | undefined {
  if (request.method !== 'POST')
    return refusedAnswer(transportError('METHOD_NOT_ALLOWED', 'Use POST'), { allow: 'POST' });
  const origin = request.header('origin');
  if (origin !== undefined && !(options.allowedOrigins ?? []).includes(origin))
    return refusedAnswer(transportError('FORBIDDEN', 'This origin may not call this server'));
  if (!isJsonContentType(request.header('content-type')))
    return refusedAnswer(
      transportError('UNSUPPORTED_MEDIA_TYPE', 'Send JSON-RPC messages as application/json'),
    );
  const version = request.header('mcp-protocol-version');
  if (version !== undefined && !PROTOCOL_VERSIONS.includes(version))
    return malformedAnswer(RPC.INVALID_REQUEST, `Unsupported MCP-Protocol-Version: ${version}`);
  const declared = Number(request.header('content-length'));
  if (Number.isFinite(declared) && declared > limit)
    return refusedAnswer(transportError('PAYLOAD_TOO_LARGE'));
  return undefined;
}
