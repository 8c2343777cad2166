import type { SpecRegistry } from '../registry/registry.js';
import type { AnyOperationSpec } from '../spec/operation.js';
import type { Transport } from '../spec/types.js';
import { type AuditFacts, buildAuditRecord } from './audit-record.js';
import { observeCall } from './call-observer.js';
import type { ClientSignal } from './cancellation.js';
import type { AppContext } from './context.js';
import { requestIdFrom } from './digest.js';
import { type ContractError, type ErrorOrigin, isFrameworkCode } from './errors.js';
import { callHook2 } from './hooks.js';
import { isThenable } from './maybe-async.js';
import { toContractError } from './normalize.js';
import type { IdempotencyClaim } from './ports.js';
import { prepare, Replayed, ReplayedFailure } from './prepare.js';
import { runHandler } from './run-handler.js';

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
}

/**
 * Runs one call through the pipeline: resolve, context, authenticate, validate, authorize,
 * idempotency, handler in a unit of work, output check, audit and events. Every transport calls
 * this; every guarantee lives here once.
 */
export async function execute(registry: SpecRegistry, request: ExecuteRequest): Promise<ExecuteResult> {
  const runtime = registry.runtime;
  const requestId = requestIdFrom(request.requestId);
  const name = String(request.name);
  const observer = observeCall(runtime, requestId, request, name);
  // Durations come from the real clock: `runtime.clock` may be a fake (tests) or skewed.
  const startedMs = observer === undefined ? 0 : Date.now();
  const state: CallState = {
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
  };
  try {
    // Steps 1-6 (synchronous unless a step waits), then the handler.
    const prepared = prepare(registry, request, state, observer);
    const ready = isThenable(prepared) ? await prepared : prepared;
    const output = ready instanceof Replayed ? ready.body : await runHandler(ready);
    const spec = state.spec as AnyOperationSpec;
    observer?.end(
      { ok: true, durationMs: Date.now() - startedMs, replayed: state.replayed },
      spec.meta.version,
    );
    return { ok: true, output, requestId, spec, replayed: state.replayed };
  } catch (thrown) {
    const error =
      thrown instanceof ReplayedFailure
        ? thrown.error
        : toContractError(thrown, requestId, state.stage, state.spec);
    await settleFailure(registry, state, error);
    observer?.end(
      {
        ok: false,
        errorCode: error.code,
        durationMs: Date.now() - startedMs,
        replayed: state.replayed,
        cause: error.cause ?? thrown,
      },
      state.spec?.meta.version,
    );
    return { ok: false, error, requestId, spec: state.spec, replayed: state.replayed };
  }
}

/** Whether `error` is a declared domain error that is final (stored and replayed for its key). */
function isFinalDomainError(spec: AnyOperationSpec | undefined, error: ContractError): boolean {
  if (isFrameworkCode(error.code)) return false;
  return spec?.io.errors?.[error.code]?.transient !== true;
}

/**
 * After a failure: keep the idempotency key's outcome (declared domain errors are final and are
 * replayed, unless declared `transient`) or release the key so a retry runs again — but only once
 * the handler has really finished, so a timed-out handler is never run twice at the same time.
 */
async function settleFailure(registry: SpecRegistry, state: CallState, error: ContractError): Promise<void> {
  const runtime = registry.runtime;
  const claim = state.claim;
  if (claim !== undefined && !state.replayed) {
    try {
      if (isFinalDomainError(state.spec, error)) {
        await runtime.idempotency.complete(claim, { ok: false, body: error.toJSON(), status: error.status });
      } else if (state.handlerDone === undefined) {
        await runtime.idempotency.release(claim);
      } else {
        void state.handlerDone.then(() => runtime.idempotency.release(claim)).catch(() => undefined);
      }
    } catch {
      // The key stays in flight and expires; the caller's retry gets CONFLICT until then.
    }
  }
  const denied = state.decision !== undefined && !state.decision.allowed;
  try {
    const record = await buildAuditRecord(runtime, state, {
      outcome: denied ? 'denied' : 'error',
      errorCode: error.code,
    });
    await runtime.audit.append(record);
  } catch (auditError) {
    // Through callHook2: a throwing hook must not make execute reject.
    callHook2(
      runtime.hooks.onEnd,
      { requestId: state.requestId, transport: state.transport, name: state.name, version: state.version },
      { ok: false, errorCode: 'AUDIT_FAILED', durationMs: 0, replayed: false, cause: auditError },
    );
  }
}
