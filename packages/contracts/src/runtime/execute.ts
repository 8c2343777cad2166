import type { SpecRegistry } from '../registry/registry.js';
import type { AnyOperationSpec } from '../spec/operation.js';
import type { Transport } from '../spec/types.js';
import type { AuditFacts } from './audit-record.js';
import { type CallObserver, observeCall } from './call-observer.js';
import type { ClientSignal } from './cancellation.js';
import type { AppContext } from './context.js';
import { requestIdFrom } from './digest.js';
import type { ContractError, ErrorOrigin } from './errors.js';
import { isThenable, type MaybePromise } from './maybe-async.js';
import { toContractError } from './normalize.js';
import type { IdempotencyClaim } from './ports.js';
import { prepare, Refused, Replayed } from './prepare.js';
import { type HandlerRun, runHandler } from './run-handler.js';
import { settleFailure } from './settle-failure.js';

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

/** One call's bookkeeping: its state, its observer, and how it ends (success or failure). */
class CallRun {
  readonly state: CallState;
  readonly observer: CallObserver | undefined;
  readonly #registry: SpecRegistry;
  readonly #startedMs: number;

  constructor(registry: SpecRegistry, request: ExecuteRequest) {
    this.#registry = registry;
    const runtime = registry.runtime;
    const requestId = requestIdFrom(request.requestId);
    const name = String(request.name);
    const observer = observeCall(runtime, requestId, request, name);
    this.observer = observer;
    // Durations come from the real clock: `runtime.clock` may be a fake (tests) or skewed.
    this.#startedMs = observer === undefined ? 0 : Date.now();
    this.state = {
      requestId,
      transport: request.transport,
      name,
      version: request.version,
      traceId: observer === undefined ? request.traceId : observer.traceId,
      rawInput: request.input,
      startedAt: runtime.clock.now(),
      stage: 'resolve',
      replayed: false,
      // Declared up front so every call's state object has one shape (V8 keeps it monomorphic).
      spec: undefined,
      ctx: undefined,
      decision: undefined,
      validInput: undefined,
      claim: undefined,
      idempotencyKey: undefined,
      events: undefined,
      handlerDone: undefined,
      handlerEnd: undefined,
    };
  }

  /** The call's result once steps 1-9 are done: the output, or a refusal that came before the handler. */
  finished(outcome: unknown): MaybePromise<ExecuteResult> {
    if (outcome instanceof Refused) return this.failed(outcome);
    const state = this.state;
    state.handlerEnd?.ended(true);
    const spec = state.spec as AnyOperationSpec;
    try {
      this.observer?.end(
        { ok: true, durationMs: Date.now() - this.#startedMs, replayed: state.replayed },
        spec.meta.version,
      );
    } catch (thrown) {
      return this.failed(thrown);
    }
    return { ok: true, output: outcome, requestId: state.requestId, spec, replayed: state.replayed };
  }

  failed(thrown: unknown): MaybePromise<ExecuteResult> {
    const state = this.state;
    state.handlerEnd?.ended(false);
    const error =
      thrown instanceof Refused
        ? thrown.error
        : toContractError(thrown, state.requestId, state.stage, state.spec);
    const settling = settleFailure(this.#registry, state, error);
    const cause = error.cause ?? (thrown instanceof Refused ? error : thrown);
    if (isThenable(settling)) return settling.then(() => this.#failure(error, cause));
    return this.#failure(error, cause);
  }

  #failure(error: ContractError, cause: unknown): ExecuteResult {
    const state = this.state;
    this.observer?.end(
      {
        ok: false,
        errorCode: error.code,
        durationMs: Date.now() - this.#startedMs,
        replayed: state.replayed,
        cause,
      },
      state.spec?.meta.version,
    );
    return { ok: false, error, requestId: state.requestId, spec: state.spec, replayed: state.replayed };
  }
}

/** Step 7 on: the handler, or the stored answer of an idempotent replay. */
function runPrepared(ready: HandlerRun | Replayed | Refused): unknown {
  if (ready instanceof Replayed) return ready.body;
  return ready instanceof Refused ? ready : runHandler(ready);
}

/**
 * Runs one call through the pipeline: resolve, context, authenticate, validate, authorize,
 * idempotency, handler in a unit of work, output check, audit and events. Every transport calls
 * this; every guarantee lives here once. It never rejects.
 */
export function execute(registry: SpecRegistry, request: ExecuteRequest): Promise<ExecuteResult> {
  const call = new CallRun(registry, request);
  let outcome: unknown;
  try {
    // Steps 1-6 (synchronous unless a step waits), then the handler.
    const prepared = prepare(registry, request, call.state, call.observer);
    outcome = isThenable(prepared) ? prepared.then(runPrepared) : runPrepared(prepared);
  } catch (thrown) {
    return settled(call.failed(thrown));
  }
  if (!isThenable(outcome)) return settled(call.finished(outcome));
  return outcome.then(
    (done) => call.finished(done),
    (thrown: unknown) => call.failed(thrown),
  );
}

function settled(result: MaybePromise<ExecuteResult>): Promise<ExecuteResult> {
  return isThenable(result) ? result : Promise.resolve(result);
}
