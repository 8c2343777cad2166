import type { Decision } from '../policy/types.js';
import { type CallEnded, type CallStarted, callHook } from './hooks.js';
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
    traceId: string | undefined,
  ) {
    const tracer: TracerLike | undefined =
      runtime.tracer === 'auto' ? getAutoTracer() : runtime.tracer === false ? undefined : runtime.tracer;
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
    callHook(this.runtime.hooks.onDecision, this.call, decision);
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
    callHook(this.runtime.hooks.onEnd, this.call, ended);
  }
}
