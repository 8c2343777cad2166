import {
  type BodyRead,
  type ContextThunk,
  type ContractError,
  DEFAULT_BODY_LIMIT,
  errorMapping,
  isJsonContentType,
} from '../../index.js';
import type { McpCaller, McpDispatcher } from './dispatch.js';
import {
  PROTOCOL_VERSIONS,
  RPC,
  type RpcErrorObject,
  type RpcReply,
  rpcError,
  rpcErrorOf,
  transportError,
} from './protocol.js';

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
  readonly clientKey?: string;
  readonly signal?: McpCaller['signal'];
}

/** The translator's answer, written out by each adapter. */
export interface McpHttpAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** The most messages one batch may carry (each may run a tool). */
const MAX_BATCH = 100;

const JSON_HEADERS = Object.freeze({
  'content-type': 'application/json',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
});
const ACCEPTED: McpHttpAnswer = Object.freeze({
  status: 202,
  headers: Object.freeze({ 'cache-control': 'no-store' }),
  body: '',
});

function json(status: number, value: unknown, extra?: Record<string, string>): McpHttpAnswer {
  const headers = extra === undefined ? JSON_HEADERS : { ...JSON_HEADERS, ...extra };
  return { status, headers, body: JSON.stringify(value) };
}

/** An HTTP-level refusal: the table's HTTP status, and a JSON-RPC error with its jsonRpc code. */
function refuse(error: ContractError, extra?: Record<string, string>): McpHttpAnswer {
  return json(errorMapping(error).http, rpcError(null, rpcErrorOf(error)), extra);
}

function malformed(code: number, message: string): McpHttpAnswer {
  const error: RpcErrorObject = { code, message };
  return json(400, rpcError(null, error));
}

/**
 * Streamable HTTP (MCP 2025-03-26 and later), stateless, answering with JSON: `POST` carries one
 * JSON-RPC message (or a batch) and gets its reply, or 202 when it carried only notifications.
 * `GET` (the server-to-client stream) and `DELETE` (session end) get 405, which SDK clients
 * expect from a stateless server. Never throws.
 */
export async function handleMcpHttp(
  dispatcher: McpDispatcher,
  request: McpHttpRequest,
  context: ContextThunk,
  options: McpHttpOptions = {},
): Promise<McpHttpAnswer> {
  try {
    if (request.method !== 'POST')
      return refuse(transportError('METHOD_NOT_ALLOWED', 'Use POST'), { allow: 'POST' });
    const origin = request.header('origin');
    if (origin !== undefined && !(options.allowedOrigins ?? []).includes(origin))
      return refuse(transportError('FORBIDDEN', 'This origin may not call this server'));
    if (!isJsonContentType(request.header('content-type')))
      return refuse(transportError('UNSUPPORTED_MEDIA_TYPE', 'Send JSON-RPC messages as application/json'));
    const version = request.header('mcp-protocol-version');
    if (version !== undefined && !PROTOCOL_VERSIONS.includes(version))
      return malformed(RPC.INVALID_REQUEST, `Unsupported MCP-Protocol-Version: ${version}`);
    const limit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
    const declared = Number(request.header('content-length'));
    if (Number.isFinite(declared) && declared > limit) return refuse(transportError('PAYLOAD_TOO_LARGE'));
    const body = await request.readBody(limit);
    if (body.kind === 'too-large') return refuse(transportError('PAYLOAD_TOO_LARGE'));
    if (body.kind === 'unreadable') return malformed(RPC.PARSE_ERROR, 'The body is not UTF-8');
    let message: unknown;
    try {
      message = JSON.parse(body.text);
    } catch {
      return malformed(RPC.PARSE_ERROR, 'The body is not valid JSON');
    }
    // One context per HTTP request, made on first use and shared by the messages of a batch.
    let made: ReturnType<ContextThunk> | undefined;
    const caller: McpCaller = {
      context: () => (made ??= context()),
      clientKey: request.clientKey,
      signal: request.signal,
    };
    if (!Array.isArray(message)) {
      const reply = await dispatcher.handle(message, caller);
      return reply === undefined ? ACCEPTED : json(200, reply);
    }
    if (message.length === 0 || message.length > MAX_BATCH)
      return malformed(RPC.INVALID_REQUEST, `A batch holds 1 to ${MAX_BATCH} messages`);
    const replies = await Promise.all(message.map((m) => dispatcher.handle(m, caller)));
    const answered = replies.filter((reply): reply is RpcReply => reply !== undefined);
    return answered.length === 0 ? ACCEPTED : json(200, answered);
  } catch {
    // Nothing above throws by design (the dispatcher and the pipeline answer every failure).
    return refuse(transportError('INTERNAL'));
  }
}
