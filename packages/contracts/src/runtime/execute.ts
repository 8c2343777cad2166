import type { SpecRegistry } from '../registry/registry.js';
import type { AnyOperationSpec } from '../spec/operation.js';
import type { Transport } from '../spec/types.js';
import type { AuditFacts } from './audit-record.js';
import { CallRun } from './call-run.js';
import type { ClientSignal } from './cancellation.js';
import type { AppContext } from './context.js';
import type { ContractError, ErrorOrigin } from './errors.js';
import { isThenable } from './maybe-async.js';
import type { IdempotencyClaim } from './ports.js';

/** One call as a transport hands it to the pipeline. */
export interface ExecuteRequest {
  readonly name: string;
  readonly version?: number;
  /** The wire input (parsed JSON, GraphQL variables, MCP arguments...). */
  readonly input: unknown;
  readonly transport: Transport;
  /** The app's context, or its (async) factory bound to this request. */
  readonly context: AppContext | (() => AppContext | Promise<AppContext>);
  readonly requestId?: string;
  readonly idempotencyKey?: string;
  readonly traceId?: string;
  /** Identifies an anonymous client for rate limits (e.g. its IP address). */
  readonly clientKey?: string;
  /** Fires when the client goes away (or a function giving that signal, asked only if the handler reads `ctx.signal`). */
  readonly signal?: ClientSignal;
}

/** What the pipeline answers; it never throws. */
export type ExecuteResult =
  | {
      readonly ok: true;
      readonly output: unknown;
      readonly requestId: string;
      readonly spec: AnyOperationSpec;
      readonly replayed: boolean;
    }
  | {
      readonly ok: false;
      readonly error: ContractError;
      readonly requestId: string;
      readonly spec: AnyOperationSpec | undefined;
      readonly replayed: boolean;
    };

/** What the pipeline learns about a call as it goes (read by the audit record and failure handling). */
export interface CallState extends AuditFacts {
  spec?: AnyOperationSpec;
  ctx?: AppContext;
  decision?: AuditFacts['decision'];
  validInput?: unknown;
  stage: ErrorOrigin;
  claim?: IdempotencyClaim;
  idempotencyKey?: string;
  replayed: boolean;
  events?: readonly string[];
  /** Settles when the handler itself has finished (it may outlive a timeout). */
  handlerDone?: Promise<void>;
  /** Told when the handler's unit of work has settled (committed or not). */
  handlerEnd?: HandlerEnd;
}

/** What runs once a handler's unit of work has settled. */
export interface HandlerEnd {
  ended(committed: boolean): void;
}

/** Told once the pipeline's result is known (see {@link executeInto}). */
export interface ExecuteReceiver {
  /** Called exactly once; it must not throw (a throw is dropped: there is nobody left to tell). */
  executed(result: ExecuteResult): void;
}

/**
 * Runs one call through the pipeline: resolve, context, authenticate, validate, authorize,
 * idempotency, handler in a unit of work, output check, audit and events. Every transport calls
 * this (or {@link executeInto}); every guarantee lives here once. It never rejects.
 */
export function execute(registry: SpecRegistry, request: ExecuteRequest): Promise<ExecuteResult> {
  const result = new CallRun(registry, request).run();
  return isThenable(result) ? result : Promise.resolve(result);
}

/**
 * {@link execute}, handing the result to `receiver` (now or later) instead of a promise: adapters
 * that answer from a callback spare a promise per call. It never throws.
 */
export function executeInto(
  registry: SpecRegistry,
  request: ExecuteRequest,
  receiver: ExecuteReceiver,
): void {
  new CallRun(registry, request).runInto(receiver);
}
