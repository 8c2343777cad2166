import { authenticate, authorize } from '../policy/engine.js';
import { isExposed, type SpecRegistry } from '../registry/registry.js';
import type { AnyOperationSpec } from '../spec/operation.js';
import type { Transport } from '../spec/types.js';
import { type AuditFacts, auditSnapshot, buildAuditRecord } from './audit-record.js';
import { CallObserver } from './call-observer.js';
import type { ClientSignal } from './cancellation.js';
import type { AppContext } from './context.js';
import { requestIdFrom } from './digest.js';
import { ContractError, type ErrorOrigin, isFrameworkCode } from './errors.js';
import { callHook } from './hooks.js';
import { startIdempotency } from './idempotency-step.js';
import { validateInput } from './io.js';
import { isThenable } from './maybe-async.js';
import { toContractError } from './normalize.js';
import type { IdempotencyClaim, StoredResponse } from './ports.js';
import { type HandlerRun, runHandler } from './run-handler.js';

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

const NO_IDEMPOTENCY = Object.freeze({ kind: 'none' as const });

/** Whether step 6 has anything to do: a command that declares idempotency or carries a key. */
function needsIdempotency(spec: AnyOperationSpec, key: string | undefined): boolean {
  return spec.kind === 'command' && (key !== undefined || spec.idempotency !== undefined);
}

/** A stored success being replayed: the handler does not run. */
class Replayed {
  constructor(readonly body: unknown) {}
}

/** A stored failure being replayed: already in its final form, it skips normalisation. */
class ReplayedFailure {
  constructor(readonly error: ContractError) {}
}

function fromStored(stored: StoredResponse, requestId: string): ContractError {
  const body = stored.body as { code: string; message: string; data?: unknown; issues?: never };
  return new ContractError(body.code, body.message, {
    status: stored.status,
    data: body.data,
    issues: body.issues,
    requestId,
  });
}

/**
 * Runs one call through the pipeline: resolve, context, authenticate, validate, authorize,
 * idempotency, handler in a unit of work, output check, audit and events. Every transport calls
 * this; every guarantee lives here once.
 */
export async function execute(registry: SpecRegistry, request: ExecuteRequest): Promise<ExecuteResult> {
  const runtime = registry.runtime;
  const requestId = requestIdFrom(request.requestId);
  const call = {
    requestId,
    transport: request.transport,
    name: String(request.name),
    version: request.version,
  };
  const observer = new CallObserver(runtime, call, request.traceId);
  // Durations come from the real clock: `runtime.clock` may be a fake (tests) or skewed.
  const startedMs = Date.now();
  const state: CallState = {
    requestId,
    transport: request.transport,
    name: call.name,
    version: request.version,
    traceId: observer.traceId,
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
    // Steps 1-6, then the handler from here: one async layer less on every call.
    const ready = await prepare(registry, request, state, observer);
    const output = ready instanceof Replayed ? ready.body : await runHandler(ready);
    const spec = state.spec as AnyOperationSpec;
    observer.end(
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
    observer.end(
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
    // Through callHook: a throwing hook must not make execute reject.
    callHook(
      runtime.hooks.onEnd,
      { requestId: state.requestId, transport: state.transport, name: state.name, version: state.version },
      { ok: false, errorCode: 'AUDIT_FAILED', durationMs: 0, replayed: false, cause: auditError },
    );
  }
}

/** Steps 1-6: what the handler needs to run, or the stored response of an idempotent replay. */
async function prepare(
  registry: SpecRegistry,
  request: ExecuteRequest,
  state: CallState,
  observer: CallObserver,
): Promise<HandlerRun | Replayed> {
  const runtime = registry.runtime;
  const op = registry.resolve(state.name, request.version);
  if (op === undefined || !isExposed(op.spec, request.transport)) {
    throw new ContractError(
      'NOT_FOUND',
      `Unknown operation ${state.name}${request.version === undefined ? '' : ` v${request.version}`}`,
      { origin: 'resolve' },
    );
  }
  const spec = op.spec;
  state.spec = spec;
  if (op.handler === undefined)
    throw new ContractError(
      'UNAVAILABLE',
      `${spec.meta.name} v${spec.meta.version} has no handler installed`,
      { origin: 'resolve' },
    );

  state.stage = 'context';
  // Awaiting only what is really asynchronous: every `await` costs a turn of the microtask queue.
  const made = typeof request.context === 'function' ? request.context() : request.context;
  const ctx = isThenable(made) ? await made : made;
  if (typeof ctx !== 'object' || ctx === null)
    throw new Error('the context factory returned no context object');
  state.ctx = ctx;

  state.stage = 'auth';
  state.decision = authenticate(spec.policy, ctx);
  observer.decision(state.decision);
  if (!state.decision.allowed)
    throw new ContractError(state.decision.code ?? 'FORBIDDEN', undefined, { origin: 'auth' });

  if (spec.rateLimit !== undefined) {
    state.stage = 'rate-limit';
    const who = spec.rateLimit.by === 'tenant' ? ctx.tenantId : (ctx.userId ?? request.clientKey);
    const verdict = await runtime.rateLimiter.consume(
      `${spec.meta.name}:${who ?? 'anonymous'}`,
      spec.rateLimit.limit,
      spec.rateLimit.windowSeconds,
    );
    if (!verdict.allowed)
      throw new ContractError('RATE_LIMITED', undefined, {
        origin: 'rate-limit',
        retryAfterSeconds: verdict.retryAfterSeconds,
      });
  }

  state.stage = 'validation';
  const validated = validateInput(spec.io.input, request.input);
  const valid = isThenable(validated) ? await validated : validated;
  if (!valid.ok)
    throw new ContractError('INVALID_INPUT', undefined, { origin: 'validation', issues: valid.issues });
  // A wire-form snapshot for the audit record, taken now: the handler may mutate what it receives.
  state.validInput = auditSnapshot(spec, request.input, valid.value);

  state.stage = 'policy';
  let resources: Readonly<Record<string, unknown>> = {};
  const rules: unknown = spec.policy.rules;
  if (rules !== undefined && !(Array.isArray(rules) && rules.length === 0)) {
    const authorized = authorize(spec.policy, { ctx, input: valid.value, resolvers: registry.resources });
    const authz = isThenable(authorized) ? await authorized : authorized;
    state.decision = authz.decision;
    observer.decision(authz.decision);
    if (!authz.decision.allowed)
      throw new ContractError(authz.decision.code ?? 'FORBIDDEN', undefined, { origin: 'policy' });
    resources = authz.resources;
  }

  state.stage = 'idempotency';
  const idem = needsIdempotency(spec, request.idempotencyKey)
    ? await startIdempotency(runtime, spec, request.idempotencyKey, request.input, ctx, request.clientKey)
    : NO_IDEMPOTENCY;
  if (idem.kind !== 'none') {
    state.claim = idem.claim;
    state.idempotencyKey = idem.claim.key;
  }
  if (idem.kind === 'replay') {
    state.replayed = true;
    if (!idem.response.ok) throw new ReplayedFailure(fromStored(idem.response, state.requestId));
    await runtime.audit.append(await buildAuditRecord(runtime, state, { outcome: 'success' }));
    return new Replayed(idem.response.body);
  }

  state.stage = 'handler';
  return { runtime, spec, handler: op.handler, input: valid.value, ctx, resources, request, state };
}
