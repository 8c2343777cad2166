import type { AnyOperationSpec } from '../spec/operation.js';
import { buildAuditRecord } from './audit-record.js';
import { callInfo, nowOf, startHandler } from './call-info.js';
import { Cancellation } from './cancellation.js';
import type { AppContext, Handler } from './context.js';
import { ContractError } from './errors.js';
import { prepareEvents } from './events.js';
import type { CallState, ExecuteRequest, HandlerEnd } from './execute.js';
import { buildHandlerContext, type EventSink, type PendingEvent } from './handler-context.js';
import { encodeOutput } from './io.js';
import { andThen, isThenable, type MaybePromise } from './maybe-async.js';
import type { AuditRecord } from './ports.js';
import type { Runtime } from './runtime.js';
import { DeadlineRace, deadlineQueue } from './timeout.js';

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

/**
 * One handler run, steps 7-9: the handler inside the unit of work (with a timeout and a cancellable
 * signal), the output check, then the events, the idempotent response and the audit record in the
 * same transaction. The steps after the handler stay synchronous unless a port really waits. The
 * run is its own deadline entry: one promise races the handler against the timeout, no wrapper.
 */
class HandlerWork extends DeadlineRace implements EventSink, HandlerEnd {
  readonly #run: HandlerRun;
  readonly #cancellation: Cancellation;
  #pending: PendingEvent[] | undefined;
  #tx: unknown;

  constructor(run: HandlerRun) {
    super();
    this.#run = run;
    this.#cancellation = new Cancellation(run.request.signal);
  }

  /** The events emitted so far, the list made on the first one (most handlers emit none). */
  pendingEvents(): PendingEvent[] {
    this.#pending ??= [];
    return this.#pending;
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
    const running = startHandler(run, handlerCtx);
    // Only a claimed idempotency key needs to know when a (timed-out) handler really ends.
    if (state.claim !== undefined) {
      state.handlerDone = running.then(
        () => undefined,
        () => undefined,
      );
    }
    this.#tx = tx;
    const queue = deadlineQueue(runtime.handlerTimeoutMs);
    return queue === undefined ? running.then((value) => this.#encode(value)) : this.race(running, queue);
  }

  protected settled(value: unknown): unknown {
    return this.#encode(value);
  }

  protected timedOut(): void {
    this.#cancellation.abort(new Error('handler timed out'));
  }

  #encode(value: unknown): MaybePromise<unknown> {
    this.#run.state.stage = 'output';
    const encoding = encodeOutput(this.#run.spec.io.output, value);
    return isThenable(encoding) ? encoding.then((e) => this.#record(e)) : this.#record(encoding);
  }

  #record(encoded: Awaited<ReturnType<typeof encodeOutput>>): MaybePromise<unknown> {
    if (!encoded.ok)
      throw new ContractError('INTERNAL', undefined, { origin: 'output', cause: encoded.issues });
    const output = encoded.value;
    const pending = this.#pending;
    if (pending === undefined || pending.length === 0) return this.#complete(output);
    const { runtime, spec, ctx, state } = this.#run;
    const tenantId = typeof ctx.tenantId === 'string' ? ctx.tenantId : undefined;
    return prepareEvents(spec, pending, {
      requestId: state.requestId,
      now: runtime.clock.now(),
      tenantId,
    })
      .then((events) => {
        state.events = events.map((e) => e.name);
        return runtime.outbox.enqueue(events, this.#tx);
      })
      .then(() => this.#complete(output));
  }

  /** The idempotent response, then the audit record last (see {@link runHandler}). */
  #complete(output: unknown): MaybePromise<unknown> {
    const { runtime, state } = this.#run;
    const claim = state.claim;
    if (claim === undefined) return this.#audit(output);
    return andThen(
      runtime.idempotency.complete(claim, { ok: true, body: output, status: 200 }, this.#tx),
      () => this.#audit(output),
    );
  }

  #audit(output: unknown): MaybePromise<unknown> {
    const record = buildAuditRecord(this.#run.runtime, this.#run.state, { outcome: 'success' });
    return isThenable(record) ? record.then((r) => this.#append(r, output)) : this.#append(record, output);
  }

  #append(record: AuditRecord, output: unknown): MaybePromise<unknown> {
    const appended = this.#run.runtime.audit.append(record, this.#tx);
    return isThenable(appended) ? appended.then(() => output) : output;
  }

  /** After the unit of work: stop listening to the client; announce committed events. */
  ended(committed: boolean): void {
    this.#cancellation.dispose();
    if (committed && this.#pending !== undefined && this.#pending.length > 0)
      this.#run.runtime.outbox.afterCommit?.();
  }
}

/**
 * Steps 7-9. The audit record is written last in the transaction: a durable audit chain serializes
 * its writers on one row, so the row is taken as late as possible and held only until the commit.
 * The caller calls `state.handlerEnd.ended()` once the unit of work settles (events are announced
 * to the outbox only after the commit).
 */
export function runHandler(run: HandlerRun): Promise<unknown> {
  const work = new HandlerWork(run);
  run.state.handlerEnd = work;
  try {
    return run.runtime.unitOfWork.run((tx) => work.inTransaction(tx));
  } catch (error) {
    return Promise.reject(error);
  }
}
