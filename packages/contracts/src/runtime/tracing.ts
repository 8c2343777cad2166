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

interface DelegatingProvider {
  getDelegate?(): unknown;
}

interface OtelApi {
  trace: { getTracer(name: string, version?: string): TracerLike; getTracerProvider(): DelegatingProvider };
  ProxyTracerProvider?: new () => DelegatingProvider;
}

let autoTracer: TracerLike | undefined;
let otel: OtelApi | undefined;
/** The API's no-op provider: what the global provider delegates to until an SDK registers one. */
let noopProvider: unknown;
let loading: Promise<void> | undefined;

/**
 * Loads `@opentelemetry/api` if the app has it installed (it is an optional peer); spans are then
 * created through whatever tracer provider the app registered, and are no-ops if none.
 */
export function loadAutoTracer(): Promise<void> {
  loading ??= import(/* webpackIgnore: true */ /* turbopackIgnore: true */ '@opentelemetry/api' as string)
    .then((api: OtelApi) => {
      otel = api;
      autoTracer = api.trace.getTracer('@lssm/lib.contracts');
      noopProvider =
        api.ProxyTracerProvider === undefined ? undefined : new api.ProxyTracerProvider().getDelegate?.();
    })
    .catch(() => undefined);
  return loading;
}

/**
 * The tracer found by {@link loadAutoTracer}, if any, while an SDK is registered: with the API
 * alone every span would be a no-op, so calls skip making one (an SDK registered later is seen
 * from its first call on).
 */
export function getAutoTracer(): TracerLike | undefined {
  if (autoTracer === undefined || otel === undefined) return undefined;
  if (noopProvider !== undefined && otel.trace.getTracerProvider().getDelegate?.() === noopProvider)
    return undefined;
  return autoTracer;
}

/** OpenTelemetry status codes (from the spec: 1 = OK, 2 = ERROR). */
export const SPAN_STATUS = { OK: 1, ERROR: 2 } as const;
