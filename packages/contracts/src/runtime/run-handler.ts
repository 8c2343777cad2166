import type { AnyOperationSpec } from '../spec/operation.js';
import { buildAuditRecord } from './audit-record.js';
import { Cancellation } from './cancellation.js';
import type { AppContext, CallInfo, Handler } from './context.js';
import { ContractError } from './errors.js';
import { prepareEvents } from './events.js';
import type { CallState, ExecuteRequest } from './execute.js';
import { buildHandlerContext, type PendingEvent } from './handler-context.js';
import { encodeOutput } from './io.js';
import { isThenable } from './maybe-async.js';
import type { Runtime } from './runtime.js';
import { withTimeout } from './timeout.js';

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
 * Steps 7-9: the handler inside the unit of work (with a timeout and a cancellable signal), the
 * output check, then the audit record, the events and the idempotent response in the same
 * transaction. Events are announced to the outbox only after the commit.
 */
export async function runHandler(run: HandlerRun): Promise<unknown> {
  const { runtime, spec, ctx, request, state } = run;
  const cancellation = new Cancellation(request.signal);
  const pending: PendingEvent[] = [];
  try {
    const output = await runtime.unitOfWork.run(async (tx) => {
      const handlerCtx = buildHandlerContext({
        spec,
        app: ctx,
        tx,
        resources: run.resources,
        cancellation,
        events: pending,
        now: nowOf(runtime),
        call: callInfo(state, request, spec),
      });
      const running = start(run, handlerCtx);
      // Only a claimed idempotency key needs to know when a (timed-out) handler really ends.
      if (state.claim !== undefined) {
        state.handlerDone = running.then(
          () => undefined,
          () => undefined,
        );
      }
      const value = await withTimeout(running, runtime.handlerTimeoutMs, () =>
        cancellation.abort(new Error('handler timed out')),
      );
      state.stage = 'output';
      const encoding = encodeOutput(spec.io.output, value);
      const encoded = isThenable(encoding) ? await encoding : encoding;
      if (!encoded.ok)
        throw new ContractError('INTERNAL', undefined, { origin: 'output', cause: encoded.issues });
      if (pending.length > 0) {
        const tenantId = typeof ctx.tenantId === 'string' ? ctx.tenantId : undefined;
        const events = await prepareEvents(spec, pending, {
          requestId: state.requestId,
          now: runtime.clock.now(),
          tenantId,
        });
        state.events = events.map((e) => e.name);
        await runtime.outbox.enqueue(events, tx);
      }
      if (state.claim !== undefined) {
        await runtime.idempotency.complete(state.claim, { ok: true, body: encoded.value, status: 200 }, tx);
      }
      // The audit record last: a durable audit chain serializes its writers on one row, so the
      // row is taken as late as possible and held only until the commit.
      const built = buildAuditRecord(runtime, state, { outcome: 'success' });
      const appended = runtime.audit.append(isThenable(built) ? await built : built, tx);
      if (isThenable(appended)) await appended;
      return encoded.value;
    });
    if (pending.length > 0) runtime.outbox.afterCommit?.();
    return output;
  } finally {
    cancellation.dispose();
  }
}
