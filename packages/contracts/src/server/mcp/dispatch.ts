import type { Implementation, InitializeResult, ListToolsResult } from '@modelcontextprotocol/sdk/types.js';
import { type ClientSignal, type ContextThunk, ContractError, type SpecRegistry } from '../../index.js';
import { type RoutedMessage, routeMessage } from './message-route.js';
import {
  negotiateVersion,
  type RequestId,
  type RpcReply,
  rpcError,
  rpcErrorOf,
  rpcResult,
} from './protocol.js';
import type { McpReplyReceiver } from './tool-call.js';
import { ToolCatalog } from './tool-catalog.js';

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
  readonly signal?: ClientSignal;
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
    const routed = routeMessage(message, caller);
    if (routed.kind === 'call') return routed.reply(this.#registry);
    if (routed.kind === 'list') return this.#list(routed.id, caller);
    return this.#replyNow(routed);
  }

  /**
   * {@link handle}'s reply as JSON text, handed to `receiver` (once, now or later) instead of a
   * promise: the HTTP transports' way, which writes a tool call's reply without building it as
   * objects first. It never throws.
   */
  replyJsonTo(message: unknown, caller: McpCaller, receiver: McpReplyReceiver): void {
    let routed: RoutedMessage;
    let json: string | undefined;
    try {
      routed = routeMessage(message, caller);
      if (routed.kind !== 'call' && routed.kind !== 'list') {
        const reply = this.#replyNow(routed);
        json = reply === undefined ? undefined : JSON.stringify(reply);
      }
    } catch {
      receiver.failed();
      return;
    }
    if (routed.kind === 'call') routed.replyJsonTo(this.#registry, receiver);
    else if (routed.kind === 'list')
      this.#list(routed.id, caller).then(
        (reply) => receiver.replied(JSON.stringify(reply)),
        () => receiver.failed(),
      );
    else receiver.replied(json);
  }

  #replyNow(routed: Exclude<RoutedMessage, { kind: 'call' | 'list' }>): RpcReply | undefined {
    if (routed.kind === 'none') return undefined;
    if (routed.kind === 'reply') return routed.reply;
    return rpcResult(routed.id, this.#initialize(routed.params));
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
}
