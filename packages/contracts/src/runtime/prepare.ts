import type { Issue } from '@lssm/lib.schema';
import { type Authorization, authenticate, authorize } from '../policy/engine.js';
import { isExposed, type SpecRegistry } from '../registry/registry.js';
import type { AnyOperationSpec } from '../spec/operation.js';
import { auditSnapshot, buildAuditRecord } from './audit-record.js';
import type { CallObserver } from './call-observer.js';
import type { AppContext, Handler } from './context.js';
import { ContractError, type ErrorOrigin } from './errors.js';
import type { CallState, ExecuteRequest } from './execute.js';
import { type IdempotencyStart, startIdempotency } from './idempotency-step.js';
import { validateInput } from './io.js';
import { andThen, isThenable, type MaybePromise } from './maybe-async.js';
import type { StoredResponse } from './ports.js';
import type { HandlerRun } from './run-handler.js';
import type { Runtime } from './runtime.js';

/** A stored success being replayed: the handler does not run. */
export class Replayed {
  constructor(readonly body: unknown) {}
}

/**
 * A call refused before its handler ran (not found, denied, rate limited, invalid input) or a
 * stored failure being replayed: returned, not thrown (a throw costs more than the rest of a
 * refused call), and already in its final form with the request id, so it skips normalisation.
 */
export class Refused {
  constructor(readonly error: ContractError) {}
}

function refused(
  state: CallState,
  code: string,
  message: string | undefined,
  origin: ErrorOrigin,
  issues?: readonly Issue[],
  retryAfterSeconds?: number,
): Refused {
  const requestId = state.requestId;
  return new Refused(new ContractError(code, message, { origin, issues, retryAfterSeconds, requestId }));
}

/** One call on its way through steps 1-6: what the later steps read, and then the handler run itself. */
interface Preparing extends HandlerRun {
  readonly registry: SpecRegistry;
  readonly runtime: Runtime;
  readonly request: ExecuteRequest;
  readonly state: CallState;
  readonly observer: CallObserver | undefined;
  readonly spec: AnyOperationSpec;
  readonly handler: Handler<AnyOperationSpec>;
  ctx: AppContext;
  input: unknown;
  resources: Readonly<Record<string, unknown>>;
}

type Prepared = MaybePromise<HandlerRun | Replayed | Refused>;

const NO_RESOURCES: Readonly<Record<string, unknown>> = Object.freeze({});
const NO_CONTEXT: AppContext = Object.freeze({ actor: 'anonymous' });

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
 * Steps 1-6 (resolve, context, authenticate, rate limit, validate, authorize, idempotency): what
 * the handler needs to run, or the stored response of an idempotent replay. Synchronous while every
 * step is: a promise (and a turn of the microtask queue) only where a step really waits.
 */
export function prepare(
  registry: SpecRegistry,
  request: ExecuteRequest,
  state: CallState,
  observer: CallObserver | undefined,
): Prepared {
  const op = registry.resolve(state.name, request.version);
  if (op === undefined || !isExposed(op.spec, request.transport)) {
    return refused(
      state,
      'NOT_FOUND',
      `Unknown operation ${state.name}${request.version === undefined ? '' : ` v${request.version}`}`,
      'resolve',
    );
  }
  const spec = op.spec;
  state.spec = spec;
  if (op.handler === undefined)
    return refused(
      state,
      'UNAVAILABLE',
      `${spec.meta.name} v${spec.meta.version} has no handler installed`,
      'resolve',
    );
  const p: Preparing = {
    registry,
    runtime: registry.runtime,
    request,
    state,
    observer,
    spec,
    handler: op.handler,
    ctx: NO_CONTEXT,
    input: undefined,
    resources: NO_RESOURCES,
  };
  state.stage = 'context';
  const made = typeof request.context === 'function' ? request.context() : request.context;
  return isThenable(made) ? made.then((ctx) => withContext(p, ctx)) : withContext(p, made);
}

function withContext(p: Preparing, ctx: AppContext): Prepared {
  if (typeof ctx !== 'object' || ctx === null)
    throw new Error('the context factory returned no context object');
  p.ctx = ctx;
  const state = p.state;
  state.ctx = ctx;
  state.stage = 'auth';
  const decision = authenticate(p.spec.policy, ctx);
  state.decision = decision;
  p.observer?.decision(decision);
  if (!decision.allowed) return refused(state, decision.code ?? 'FORBIDDEN', undefined, 'auth');
  const limit = p.spec.rateLimit;
  if (limit === undefined) return validate(p);
  state.stage = 'rate-limit';
  const who = limit.by === 'tenant' ? ctx.tenantId : (ctx.userId ?? p.request.clientKey);
  const verdict = p.registry.runtime.rateLimiter.consume(
    `${p.spec.meta.name}:${who ?? 'anonymous'}`,
    limit.limit,
    limit.windowSeconds,
  );
  return andThen(verdict, (v) => {
    if (!v.allowed)
      return refused(state, 'RATE_LIMITED', undefined, 'rate-limit', undefined, v.retryAfterSeconds);
    return validate(p);
  });
}

function validate(p: Preparing): Prepared {
  p.state.stage = 'validation';
  const validated = validateInput(p.spec.io.input, p.request.input);
  return isThenable(validated) ? validated.then((v) => withValidInput(p, v)) : withValidInput(p, validated);
}

function withValidInput(p: Preparing, valid: Awaited<ReturnType<typeof validateInput>>): Prepared {
  if (!valid.ok) return refused(p.state, 'INVALID_INPUT', undefined, 'validation', valid.issues);
  // A wire-form snapshot for the audit record, taken now: the handler may mutate what it receives.
  p.state.validInput = auditSnapshot(p.spec, p.request.input, valid.value);
  p.input = valid.value;
  p.state.stage = 'policy';
  const rules: unknown = p.spec.policy.rules;
  if (rules === undefined || (Array.isArray(rules) && rules.length === 0)) return claimKey(p);
  const authorized = authorize(p.spec.policy, {
    ctx: p.ctx,
    input: p.input,
    resolvers: p.registry.resources,
  });
  return isThenable(authorized)
    ? authorized.then((a) => withAuthorization(p, a))
    : withAuthorization(p, authorized);
}

function withAuthorization(p: Preparing, authz: Authorization): Prepared {
  p.state.decision = authz.decision;
  p.observer?.decision(authz.decision);
  if (!authz.decision.allowed)
    return refused(p.state, authz.decision.code ?? 'FORBIDDEN', undefined, 'policy');
  p.resources = authz.resources;
  return claimKey(p);
}

/** Whether step 6 has anything to do: a command that declares idempotency or carries a key. */
function needsIdempotency(spec: AnyOperationSpec, key: string | undefined): boolean {
  return spec.kind === 'command' && (key !== undefined || spec.idempotency !== undefined);
}

function claimKey(p: Preparing): Prepared {
  p.state.stage = 'idempotency';
  if (!needsIdempotency(p.spec, p.request.idempotencyKey)) return handlerRun(p);
  const { runtime } = p.registry;
  const { idempotencyKey, input, clientKey } = p.request;
  return startIdempotency(runtime, p.spec, idempotencyKey, input, p.ctx, clientKey).then((idem) =>
    withClaim(p, idem),
  );
}

function withClaim(p: Preparing, idem: IdempotencyStart): Prepared {
  const state = p.state;
  if (idem.kind !== 'none') {
    state.claim = idem.claim;
    state.idempotencyKey = idem.claim.key;
  }
  if (idem.kind !== 'replay') return handlerRun(p);
  state.replayed = true;
  if (!idem.response.ok) return new Refused(fromStored(idem.response, state.requestId));
  const runtime = p.registry.runtime;
  const body = idem.response.body;
  return andThen(buildAuditRecord(runtime, state, { outcome: 'success' }), (record) =>
    andThen(runtime.audit.append(record), () => new Replayed(body)),
  );
}

function handlerRun(p: Preparing): HandlerRun {
  p.state.stage = 'handler';
  return p;
}
