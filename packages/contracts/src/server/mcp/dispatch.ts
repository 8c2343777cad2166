import type { Implementation, InitializeResult, ListToolsResult } from '@modelcontextprotocol/sdk/types.js';
import {
  type ContextThunk,
  ContractError,
  type ExecuteRequest,
  execute,
  type SpecRegistry,
} from '../../index.js';
import {
  isObject,
  isRequestId,
  negotiateVersion,
  type RequestId,
  RPC,
  type RpcReply,
  rpcError,
  rpcErrorOf,
  rpcResult,
} from './protocol.js';
import { ToolCatalog } from './tool-catalog.js';
import { parseToolName } from './tool-names.js';
import { toolOutcome } from './tool-result.js';

/** Options shared by every MCP transport. */
export interface McpOptions {
  /** Announced in `initialize` (default `{ name: 'lssm-contracts', version: '0.1.0' }`). */
  readonly serverInfo?: Implementation;
  /** Announced in `initialize`: how to use this server, for the agent. */
  readonly instructions?: string;
}

/** Who is calling, for one message: the context factory bound to the request, and its client. */
export interface McpCaller {
  readonly context: ContextThunk;
  /** Identifies an anonymous client for rate limits (its address, or `stdio`). */
  readonly clientKey?: string;
  readonly signal?: ExecuteRequest['signal'];
}

const DEFAULT_SERVER_INFO: Implementation = Object.freeze({ name: 'lssm-contracts', version: '0.1.0' });

/**
 * Answers MCP's JSON-RPC messages for a registry — `initialize`, `ping`, `tools/list`, `tools/call`
 * — without building an SDK server per request: the tool list is built once per registry
 * revision, and every call goes through `execute` with `transport: 'mcp'`. Shared by the HTTP and
 * stdio transports.
 */
export class McpDispatcher {
  readonly catalog: ToolCatalog;
  readonly #registry: SpecRegistry;
  readonly #serverInfo: Implementation;
  readonly #instructions: string | undefined;

  constructor(registry: SpecRegistry, options: McpOptions = {}) {
    this.#registry = registry;
    this.catalog = new ToolCatalog(registry);
    this.#serverInfo = options.serverInfo ?? DEFAULT_SERVER_INFO;
    this.#instructions = options.instructions;
  }

  /** The reply to one message, or undefined for notifications and responses (they get none). */
  async handle(message: unknown, caller: McpCaller): Promise<RpcReply | undefined> {
    if (!isObject(message) || message.jsonrpc !== '2.0')
      return rpcError(null, { code: RPC.INVALID_REQUEST, message: 'Not a JSON-RPC 2.0 message' });
    if (typeof message.method !== 'string') return undefined;
    if (!('id' in message)) return undefined;
    const id = message.id;
    if (!isRequestId(id))
      return rpcError(null, { code: RPC.INVALID_REQUEST, message: 'A request id is a string or a number' });
    const params = message.params === undefined ? {} : message.params;
    if (!isObject(params))
      return rpcError(id, { code: RPC.INVALID_PARAMS, message: 'params must be an object' });
    switch (message.method) {
      case 'tools/call':
        return this.#call(id, params, caller);
      case 'tools/list':
        return this.#list(id, caller);
      case 'initialize':
        return rpcResult(id, this.#initialize(params));
      case 'ping':
        return rpcResult(id, {});
      default:
        return rpcError(id, { code: RPC.METHOD_NOT_FOUND, message: `Method not found: ${message.method}` });
    }
  }

  #initialize(params: Record<string, unknown>): InitializeResult {
    const result: InitializeResult = {
      protocolVersion: negotiateVersion(params.protocolVersion),
      capabilities: { tools: { listChanged: false } },
      serverInfo: this.#serverInfo,
    };
    if (this.#instructions !== undefined) result.instructions = this.#instructions;
    return result;
  }

  async #list(id: RequestId, caller: McpCaller): Promise<RpcReply> {
    let ctx: Awaited<ReturnType<ContextThunk>>;
    try {
      ctx = await caller.context();
    } catch (thrown) {
      // As in the pipeline: a ContractError keeps its code and message, anything else is INTERNAL.
      const own = ContractError.is(thrown) && thrown.code !== 'INTERNAL';
      const error = new ContractError(own ? thrown.code : 'INTERNAL', own ? thrown.message : undefined, {
        requestId: crypto.randomUUID(),
        origin: 'context',
      });
      return rpcError(id, rpcErrorOf(error));
    }
    // A factory that breaks its contract (no object) gets no tools rather than a crash.
    const tools = typeof ctx === 'object' && ctx !== null ? this.catalog.visibleTo(ctx) : [];
    const result: ListToolsResult = { tools };
    return rpcResult(id, result);
  }

  async #call(id: RequestId, params: Record<string, unknown>, caller: McpCaller): Promise<RpcReply> {
    const tool = params.name;
    if (typeof tool !== 'string')
      return rpcError(id, { code: RPC.INVALID_PARAMS, message: 'tools/call needs the tool name' });
    const meta = isObject(params._meta) ? params._meta : undefined;
    const key = meta?.idempotencyKey;
    if (key !== undefined && typeof key !== 'string')
      return rpcError(id, { code: RPC.INVALID_PARAMS, message: '_meta.idempotencyKey must be a string' });
    const target = parseToolName(tool);
    if (target === undefined) {
      const unknown = new ContractError('NOT_FOUND', `Unknown tool ${tool}`, {
        origin: 'resolve',
        requestId: crypto.randomUUID(),
      });
      return rpcError(id, rpcErrorOf(unknown));
    }
    // Built by assignment, like the REST translator: spreading optional keys is slower on Node 20.
    const call: { -readonly [K in keyof ExecuteRequest]: ExecuteRequest[K] } = {
      name: target.name,
      input: params.arguments === undefined ? {} : params.arguments,
      transport: 'mcp',
      context: caller.context,
    };
    if (target.version !== undefined) call.version = target.version;
    if (key !== undefined) call.idempotencyKey = key;
    if (caller.clientKey !== undefined) call.clientKey = caller.clientKey;
    if (caller.signal !== undefined) call.signal = caller.signal;
    const outcome = toolOutcome(await execute(this.#registry, call), tool);
    return outcome.kind === 'result' ? rpcResult(id, outcome.result) : rpcError(id, outcome.error);
  }
}
