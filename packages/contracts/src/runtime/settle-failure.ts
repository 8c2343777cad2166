import type { SpecRegistry } from '../registry/registry.js';
import type { AnyOperationSpec } from '../spec/operation.js';
import { buildAuditRecord } from './audit-record.js';
import { type ContractError, isFrameworkCode } from './errors.js';
import type { CallState } from './execute.js';
import { callHook2 } from './hooks.js';
import { isThenable, type MaybePromise } from './maybe-async.js';
import type { IdempotencyClaim } from './ports.js';
import type { Runtime } from './runtime.js';

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
export function settleFailure(
  registry: SpecRegistry,
  state: CallState,
  error: ContractError,
): MaybePromise<void> {
  const claim = state.claim;
  if (claim === undefined || state.replayed) return auditFailure(registry, state, error);
  return settleKey(registry, state, error, claim).then(() => auditFailure(registry, state, error));
}

async function settleKey(
  registry: SpecRegistry,
  state: CallState,
  error: ContractError,
  claim: IdempotencyClaim,
): Promise<void> {
  const runtime = registry.runtime;
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

/** The failed call's audit record; a failing sink is reported through `onEnd`, never thrown. */
function auditFailure(registry: SpecRegistry, state: CallState, error: ContractError): MaybePromise<void> {
  const runtime = registry.runtime;
  const denied = state.decision !== undefined && !state.decision.allowed;
  try {
    const record = buildAuditRecord(runtime, state, {
      outcome: denied ? 'denied' : 'error',
      errorCode: error.code,
    });
    const appended = isThenable(record)
      ? record.then((r) => runtime.audit.append(r))
      : runtime.audit.append(record);
    if (isThenable(appended))
      return appended.then(undefined, (auditError: unknown) =>
        reportAuditFailure(runtime, state, auditError),
      );
  } catch (auditError) {
    reportAuditFailure(runtime, state, auditError);
  }
  return undefined;
}

/** Through callHook2: a throwing hook must not make execute reject. */
function reportAuditFailure(runtime: Runtime, state: CallState, auditError: unknown): void {
  callHook2(
    runtime.hooks.onEnd,
    { requestId: state.requestId, transport: state.transport, name: state.name, version: state.version },
    { ok: false, errorCode: 'AUDIT_FAILED', durationMs: 0, replayed: false, cause: auditError },
  );
}
