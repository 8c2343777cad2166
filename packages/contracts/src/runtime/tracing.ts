/** The part of an OpenTelemetry `Span` the pipeline uses. */
export interface SpanLike {
  setAttribute(key: string, value: string | number | boolean): unknown;
  setStatus(status: { code: number; message?: string }): unknown;
  end(): void;
  spanContext?(): { traceId: string };
}

/** The part of an OpenTelemetry `Tracer` the pipeline uses (pass `trace.getTracer('my-app')`). */
export interface TracerLike {
  startSpan(name: string, options?: { attributes?: Record<string, string | number | boolean> }): SpanLike;
}

interface OtelApi {
  trace: { getTracer(name: string, version?: string): TracerLike };
}

let autoTracer: TracerLike | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads `@opentelemetry/api` if the app has it installed (it is an optional peer); spans are then
 * created through whatever tracer provider the app registered, and are no-ops if none.
 */
export function loadAutoTracer(): Promise<void> {
  loading ??= import(/* webpackIgnore: true */ /* turbopackIgnore: true */ '@opentelemetry/api' as string)
    .then((api: OtelApi) => {
      autoTracer = api.trace.getTracer('@lssm/lib.contracts');
    })
    .catch(() => undefined);
  return loading;
}

/** The tracer found by {@link loadAutoTracer}, if any. */
export function getAutoTracer(): TracerLike | undefined {
  return autoTracer;
}

/** OpenTelemetry status codes (from the spec: 1 = OK, 2 = ERROR). */
export const SPAN_STATUS = { OK: 1, ERROR: 2 } as const;
