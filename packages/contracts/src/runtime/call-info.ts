import type { AnyOperationSpec } from '../spec/operation.js';
import type { CallInfo, Handler } from './context.js';
import type { CallState, ExecuteRequest } from './execute.js';
import type { HandlerRun } from './run-handler.js';
import type { Runtime } from './runtime.js';

const operations = new WeakMap<AnyOperationSpec, CallInfo['operation']>();
const clocks = new WeakMap<Runtime, () => Date>();

/** `ctx.now`, one function per runtime. */
export function nowOf(runtime: Runtime): () => Date {
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
export function callInfo(state: CallState, request: ExecuteRequest, spec: AnyOperationSpec): CallInfo {
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

export function startHandler(
  run: HandlerRun,
  handlerCtx: Parameters<Handler<AnyOperationSpec>>[1],
): Promise<unknown> {
  try {
    return Promise.resolve(run.handler(run.input as never, handlerCtx));
  } catch (error) {
    return Promise.reject(error);
  }
}
