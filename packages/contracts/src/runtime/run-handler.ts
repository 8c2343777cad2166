import type { AnyOperationSpec } from '../spec/operation.js';
import { buildAuditRecord } from './audit-record.js';
import { Cancellation } from './cancellation.js';
import type { AppContext, CallInfo, Handler } from './context.js';
import { ContractError } from './errors.js';
import { prepareEvents } from './events.js';
import type { CallState, ExecuteRequest } from './execute.js';
import { buildHandlerContext, type EventSink, type PendingEvent } from './handler-context.js';
import { encodeOutput } from './io.js';
import { andThen, isThenable, type MaybePromise } from './maybe-async.js';
import type { Runtime } from './runtime.js';
import { type DeadlineListener, withTimeout } from './timeout.js';

/** What step 7-9 of the pipeline needs. */
export interface HandlerRun {
  readonly runtime: Runtime;
  readonly spec: AnyOperationSpec;
  readonly handler: Handler<AnyOperationSpec>;
  readonly input: unknown;
  readonly ctx: AppContext;
  readonly resources: Readonly<Record<string, unknown>>;
  readonly request: ExecuteRequest;
  readonly state: CallState;
}

const operations = new WeakMap<AnyOperationSpec, CallInfo['operation']>();
const clocks = new WeakMap<Runtime, () => Date>();

/** `ctx.now`, one function per runtime. */
function nowOf(runtime: Runtime): () => Date {
  let now = clocks.get(runtime);
  if (now === undefined) {
    const clock = runtime.clock;
    now = () => clock.now();
    clocks.set(runtime, now);
  }
  return now;
}

/** `ctx.call.operation`, one frozen object per spec. */
function operationOf(spec: AnyOperationSpec): CallInfo['operation'] {
  let operation = operations.get(spec);
  if (operation === undefined) {
    operation = Object.freeze({ name: spec.meta.name, version: spec.meta.version });
    operations.set(spec, operation);
  }
  return operation;
}

/** The call facts for `ctx.call` (built by assignment: object spread is slow on Node 20's V8). */
function callInfo(state: CallState, request: ExecuteRequest, spec: AnyOperationSpec): CallInfo {
  const call: { -readonly [K in keyof CallInfo]: CallInfo[K] } = {
    requestId: state.requestId,
    transport: request.transport,
    operation: operationOf(spec),
    startedAt: state.startedAt,
  };
  if (state.idempotencyKey !== undefined) call.idempotencyKey = state.idempotencyKey;
  if (state.traceId !== undefined) call.traceId = state.traceId;
  return call;
}

function start(run: HandlerRun, handlerCtx: Parameters<Handler<AnyOperationSpec>>[1]): Promise<unknown> {
  try {
    return Promise.resolve(run.handler(run.input as never, handlerCtx));
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * One handler run, steps 7-9: the handler inside the unit of work (with a timeout and a cancellable
 * signal), the output check, then the events, the idempotent response and the audit record in the
 * same transaction. The steps after the handler stay synchronous unless a port really waits.
 */
class HandlerWork implements EventSink, DeadlineListener {
  readonly #run: HandlerRun;
  readonly #cancellation: Cancellation;
  #pending: PendingEvent[] | undefined;

  constructor(run: HandlerRun) {
    this.#run = run;
    this.#cancellation = new Cancellation(run.request.signal);
  }

  /** The events emitted so far, the list made on the first one (most handlers emit none). */
  pendingEvents(): PendingEvent[] {
    this.#pending ??= [];
    return this.#pending;
  }

  timedOut(): void {
    this.#cancellation.abort(new Error('handler timed out'));
  }

  inTransaction(tx: unknown): Promise<unknown> {
    const run = this.#run;
    const { runtime, spec, state } = run;
    const handlerCtx = buildHandlerContext(
      spec,
      run.ctx,
      callInfo(state, run.request, spec),
      tx,
      run.resources,
      this.#cancellation,
      nowOf(runtime),
      this,
    );
    const running = start(run, handlerCtx);
    // Only a claimed idempotency key needs to know when a (timed-out) handler really ends.
    if (state.claim !== undefined) {
      state.handlerDone = running.then(
        () => undefined,
        () => undefined,
      );
    }
    return withTimeout(running, runtime.handlerTimeoutMs, this).then((value) => this.#encode(tx, value));
  }

  #encode(tx: unknown, value: unknown): MaybePromise<unknown> {
    this.#run.state.stage = 'output';
    const encoding = encodeOutput(this.#run.spec.io.output, value);
    return isThenable(encoding) ? encoding.then((e) => this.#record(tx, e)) : this.#record(tx, encoding);
  }

  #record(tx: unknown, encoded: Awaited<ReturnType<typeof encodeOutput>>): MaybePromise<unknown> {
    if (!encoded.ok)
      throw new ContractError('INTERNAL', undefined, { origin: 'output', cause: encoded.issues });
    const output = encoded.value;
    const pending = this.#pending;
    if (pending === undefined || pending.length === 0) return this.#complete(tx, output);
    const { runtime, spec, ctx, state } = this.#run;
    const tenantId = typeof ctx.tenantId === 'string' ? ctx.tenantId : undefined;
    return prepareEvents(spec, pending, {
      requestId: state.requestId,
      now: runtime.clock.now(),
      tenantId,
    })
      .then((events) => {
        state.events = events.map((e) => e.name);
        return runtime.outbox.enqueue(events, tx);
      })
      .then(() => this.#complete(tx, output));
  }

  /** The idempotent response, then the audit record last (see {@link runHandler}). */
  #complete(tx: unknown, output: unknown): MaybePromise<unknown> {
    const { runtime, state } = this.#run;
    const claim = state.claim;
    if (claim === undefined) return this.#audit(tx, output);
    return andThen(runtime.idempotency.complete(claim, { ok: true, body: output, status: 200 }, tx), () =>
      this.#audit(tx, output),
    );
  }

  #audit(tx: unknown, output: unknown): MaybePromise<unknown> {
    const { runtime, state } = this.#run;
    return andThen(buildAuditRecord(runtime, state, { outcome: 'success' }), (record) =>
      andThen(runtime.audit.append(record, tx), () => output),
    );
  }

  committed(output: unknown): unknown {
    this.#cancellation.dispose();
    if (this.#pending !== undefined && this.#pending.length > 0) this.#run.runtime.outbox.afterCommit?.();
    return output;
  }

  failed(error: unknown): never {
    this.#cancellation.dispose();
    throw error;
  }
}

/**
 * Steps 7-9. The audit record is written last in the transaction: a durable audit chain serializes
 * its writers on one row, so the row is taken as late as possible and held only until the commit.
 * Events are announced to the outbox only after the commit.
 */
export function runHandler(run: HandlerRun): Promise<unknown> {
  const work = new HandlerWork(run);
  let ran: Promise<unknown>;
  try {
    ran = run.runtime.unitOfWork.run((tx) => work.inTransaction(tx));
  } catch (error) {
    ran = Promise.reject(error);
  }
  return ran.then(
    (output) => work.committed(output),
    (error: unknown) => work.failed(error),
  );
}
