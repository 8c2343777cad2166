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
import type { GraphQLCall } from './call.js';

/** The operation one of our root fields runs: the registry, and the version the field was built from. */
export interface OperationTarget {
  readonly registry: SpecRegistry;
  readonly name: string;
  readonly version: number;
  /** Commands take the request's idempotency key; queries ignore it. */
  readonly command: boolean;
}

/**
 * One run of an operation's field as the pipeline request (a fixed shape, every optional key
 * present): the field's `input` argument and what the HTTP request gives every field.
 */
export class OperationCall implements ExecuteRequest, ExecuteReceiver {
  readonly transport: Transport = 'graphql';
  readonly traceId: string | undefined = undefined;
  readonly name: string;
  readonly version: number;
  readonly input: unknown;
  readonly requestId: string;
  readonly idempotencyKey: string | undefined;
  readonly clientKey: string | undefined;
  readonly signal: ClientSignal | undefined;
  readonly #target: OperationTarget;
  readonly #call: GraphQLCall;
  #receiver: ExecuteReceiver | undefined;

  constructor(target: OperationTarget, input: unknown, call: GraphQLCall) {
    this.#target = target;
    this.#call = call;
    this.name = target.name;
    this.version = target.version;
    this.input = input === undefined ? {} : input;
    this.requestId = call.requestId;
    this.idempotencyKey = target.command ? call.idempotencyKey : undefined;
    this.clientKey = call.clientKey;
    this.signal = call.signal;
  }

  /** The request's app context, made once however many fields ask. */
  context(): AppContext | Promise<AppContext> {
    return this.#call.context();
  }

  /** Runs the pipeline; a replayed answer marks the request (its `Idempotent-Replayed` header). */
  async run(): Promise<ExecuteResult> {
    return this.#noted(await execute(this.#target.registry, this));
  }

  /** {@link run}, handing the result to `receiver` instead of a promise. */
  runInto(receiver: ExecuteReceiver): void {
    this.#receiver = receiver;
    executeInto(this.#target.registry, this, this);
  }

  executed(result: ExecuteResult): void {
    this.#receiver?.executed(this.#noted(result));
  }

  #noted(result: ExecuteResult): ExecuteResult {
    if (result.ok && result.replayed) this.#call.replayed = true;
    return result;
  }
}
