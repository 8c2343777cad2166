import type { Decision } from '../policy/types.js';
import type { Transport } from '../spec/types.js';
import { type CallEnded, type CallStarted, callHook, callHook2 } from './hooks.js';
import type { Runtime } from './runtime.js';
import { getAutoTracer, SPAN_STATUS, type SpanLike, type TracerLike } from './tracing.js';

const NO_TRACE = '00000000000000000000000000000000';

/** Hooks and an OpenTelemetry span around one call, behind one small interface. */
export class CallObserver {
  readonly #span: SpanLike | undefined;
  readonly traceId: string | undefined;

  constructor(
    readonly runtime: Runtime,
    readonly call: CallStarted,
    tracer: TracerLike | undefined,
    traceId: string | undefined,
  ) {
    this.#span = tracer?.startSpan(`contracts ${call.name}`, {
      attributes: {
        'contracts.operation': call.name,
        'contracts.transport': call.transport,
        'contracts.request_id': call.requestId,
      },
    });
    const spanTrace = this.#span?.spanContext?.().traceId;
    this.traceId = spanTrace !== undefined && spanTrace !== NO_TRACE ? spanTrace : traceId;
    callHook(runtime.hooks.onStart, call);
  }

  /** Reports a policy decision (authentication or rules). */
  decision(decision: Decision): void {
    this.#span?.setAttribute('contracts.decision', decision.allowed ? 'allow' : 'deny');
    callHook2(this.runtime.hooks.onDecision, this.call, decision);
  }

  /** Ends the span and reports the outcome. */
  end(ended: CallEnded, version: number | undefined): void {
    if (this.#span !== undefined) {
      if (version !== undefined) this.#span.setAttribute('contracts.version', version);
      if (ended.errorCode !== undefined) this.#span.setAttribute('contracts.error_code', ended.errorCode);
      this.#span.setStatus(
        ended.ok ? { code: SPAN_STATUS.OK } : { code: SPAN_STATUS.ERROR, message: ended.errorCode },
      );
      this.#span.end();
    }
    callHook2(this.runtime.hooks.onEnd, this.call, ended);
  }
}

/** The runtime's tracer, resolving `'auto'` (the OpenTelemetry API, when installed and loaded). */
function tracerOf(runtime: Runtime): TracerLike | undefined {
  return runtime.tracer === 'auto' ? getAutoTracer() : runtime.tracer === false ? undefined : runtime.tracer;
}

/**
 * An observer for one call, or undefined when nothing observes calls (no tracer and no hooks):
 * then a call pays for neither the observer nor the facts it would report.
 */
export function observeCall(
  runtime: Runtime,
  requestId: string,
  request: { readonly transport: Transport; readonly version?: number; readonly traceId?: string },
  name: string,
): CallObserver | undefined {
  const tracer = tracerOf(runtime);
  const hooks = runtime.hooks;
  if (
    tracer === undefined &&
    hooks.onStart === undefined &&
    hooks.onDecision === undefined &&
    hooks.onEnd === undefined
  )
    return undefined;
  const call = { requestId, transport: request.transport, name, version: request.version };
  return new CallObserver(runtime, call, tracer, request.traceId);
}
