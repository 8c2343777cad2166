import {
  type AppContext,
  type ClientSignal,
  type ExecuteReceiver,
  type ExecuteRequest,
  type ExecuteResult,
  execute,
  executeInto,
  type SpecRegistry,
  type Transport,
} from '../../index.js';
import type { McpCaller } from './dispatch.js';
import type { RequestId, RpcReply } from './protocol.js';
import type { ToolTarget } from './tool-names.js';
import { toolReply, toolReplyJson } from './tool-result.js';

/** Told once the reply to a message is known (see {@link McpDispatcher.replyJsonTo}). */
export interface McpReplyReceiver {
  /** The reply as JSON text, or undefined for a message that gets none. */
  replied(json: string | undefined): void;
  /** No reply could be made (a fault of the server, never of the message). */
  failed(): void;
}

/**
 * One `tools/call`, checked: the pipeline request itself (a fixed shape: every optional key
 * present, maybe undefined) and what turns its result into the JSON-RPC reply.
 */
export class McpToolCall implements ExecuteRequest, ExecuteReceiver {
  readonly kind = 'call';
  readonly transport: Transport = 'mcp';
  readonly requestId: string | undefined = undefined;
  readonly traceId: string | undefined = undefined;
  readonly name: string;
  readonly version: number | undefined;
  readonly clientKey: string | undefined;
  readonly signal: ClientSignal | undefined;
  readonly #caller: McpCaller;
  #receiver: McpReplyReceiver | undefined;

  constructor(
    readonly id: RequestId,
    readonly tool: string,
    target: ToolTarget,
    readonly input: unknown,
    readonly idempotencyKey: string | undefined,
    caller: McpCaller,
  ) {
    this.name = target.name;
    this.version = target.version;
    this.#caller = caller;
    this.clientKey = caller.clientKey;
    this.signal = caller.signal;
  }

  /** The caller's context (the pipeline calls this once, when it needs the identity). */
  context(): AppContext | Promise<AppContext> {
    return this.#caller.context();
  }

  /** Runs the call; its reply. */
  async reply(registry: SpecRegistry): Promise<RpcReply> {
    return toolReply(this.id, await execute(registry, this), this.tool);
  }

  /** Runs the call, telling `receiver` its reply as JSON text. */
  replyJsonTo(registry: SpecRegistry, receiver: McpReplyReceiver): void {
    this.#receiver = receiver;
    executeInto(registry, this, this);
  }

  executed(result: ExecuteResult): void {
    const receiver = this.#receiver;
    if (receiver === undefined) return;
    let json: string;
    try {
      json = toolReplyJson(this.id, result, this.tool);
    } catch {
      receiver.failed();
      return;
    }
    receiver.replied(json);
  }
}
