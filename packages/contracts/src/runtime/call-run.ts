import type { SpecRegistry } from '../registry/registry.js';
import type { AnyOperationSpec } from '../spec/operation.js';
import { type CallObserver, observeCall } from './call-observer.js';
import { requestIdFrom } from './digest.js';
import type { ContractError } from './errors.js';
import type { CallState, ExecuteReceiver, ExecuteRequest, ExecuteResult } from './execute.js';
import { isThenable, type MaybePromise } from './maybe-async.js';
import { toContractError } from './normalize.js';
import { prepare, Refused, Replayed } from './prepare.js';
import { type HandlerRun, runHandler } from './run-handler.js';
import { settleFailure } from './settle-failure.js';

/** What a step threw before the handler's outcome was known. */
class Failed {
  constructor(readonly thrown: unknown) {}
}

function deliver(receiver: ExecuteReceiver, result: MaybePromise<ExecuteResult>): void {
  if (isThenable(result)) result.then((done) => tell(receiver, done));
  else tell(receiver, result);
}

function tell(receiver: ExecuteReceiver, result: ExecuteResult): void {
  try {
    receiver.executed(result);
  } catch {
    // The receiver broke its contract; the call itself is over and recorded.
  }
}

/** One call's bookkeeping: its state, its observer, and how it ends (success or failure). */
export class CallRun {
  readonly state: CallState;
  readonly observer: CallObserver | undefined;
  readonly #registry: SpecRegistry;
  readonly #request: ExecuteRequest;
  readonly #startedMs: number;

  constructor(registry: SpecRegistry, request: ExecuteRequest) {
    this.#registry = registry;
    this.#request = request;
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

  /** Steps 1-9: the result now, or a promise of it (never rejected). */
  run(): MaybePromise<ExecuteResult> {
    const outcome = this.#start();
    if (outcome instanceof Failed) return this.failed(outcome.thrown);
    if (!isThenable(outcome)) return this.finished(outcome);
    return outcome.then(
      (done) => this.finished(done),
      (thrown: unknown) => this.failed(thrown),
    );
  }

  /** {@link run}, handing the result to `receiver` from the pipeline's own callback. */
  runInto(receiver: ExecuteReceiver): void {
    const outcome = this.#start();
    if (outcome instanceof Failed) deliver(receiver, this.failed(outcome.thrown));
    else if (!isThenable(outcome)) deliver(receiver, this.finished(outcome));
    else
      outcome.then(
        (done) => deliver(receiver, this.finished(done)),
        (thrown: unknown) => deliver(receiver, this.failed(thrown)),
      );
  }

  /** Steps 1-6 (synchronous unless a step waits), then the handler: its outcome, or what threw. */
  #start(): unknown {
    try {
      const prepared = prepare(this.#registry, this.#request, this.state, this.observer);
      return isThenable(prepared) ? prepared.then(runPrepared) : runPrepared(prepared);
    } catch (thrown) {
      return new Failed(thrown);
    }
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
