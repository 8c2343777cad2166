import type { AnyOperationSpec } from '../spec/operation.js';
import type { Cancellation } from './cancellation.js';
import type { AppContext, CallInfo, HandlerContext } from './context.js';
import { ContractError } from './errors.js';

/** An event a handler emitted, waiting for validation and the outbox. */
export interface PendingEvent {
  readonly name: string;
  readonly payload: unknown;
}

const CANCELLATION = Symbol('cancellation');
const SPEC = Symbol('spec');
const EVENTS = Symbol('events');

type ContextInternals = {
  readonly [CANCELLATION]: Cancellation;
  readonly [SPEC]: AnyOperationSpec;
  readonly [EVENTS]: EventSink;
};

const declaredCache = new WeakMap<AnyOperationSpec, ReadonlySet<string>>();

/** The names of the events a spec declares, computed once per spec. */
function declaredEvents(spec: AnyOperationSpec): ReadonlySet<string> {
  let names = declaredCache.get(spec);
  if (names === undefined) {
    names = new Set((spec.events ?? []).map((event: { meta: { name: string } }) => event.meta.name));
    declaredCache.set(spec, names);
  }
  return names;
}

function emitter(spec: AnyOperationSpec, sink: EventSink) {
  const declared = declaredEvents(spec);
  return (name: string, payload: unknown): void => {
    if (!declared.has(name)) {
      throw new ContractError('INTERNAL', undefined, {
        origin: 'handler',
        cause: new Error(`${spec.meta.name} emitted undeclared event "${name}"`),
      });
    }
    sink.pendingEvents().push({ name, payload });
  };
}

function failer(spec: AnyOperationSpec) {
  return (code: string, message?: string, data?: unknown): ContractError => {
    if (spec.io.errors === undefined || !Object.hasOwn(spec.io.errors, code)) {
      return new ContractError('INTERNAL', undefined, {
        origin: 'handler',
        cause: new Error(`${spec.meta.name} failed with undeclared error "${code}"`),
      });
    }
    return new ContractError(code, message ?? spec.io.errors[code]?.description, { data });
  };
}

/**
 * The prototype of every handler context. `signal`, `emit` and `fail` are made on first read
 * (most handlers use none of them), and are plain functions, so `const { emit } = ctx` works.
 */
const HANDLER_CONTEXT_PROTOTYPE = Object.freeze({
  get signal(): AbortSignal {
    return (this as unknown as ContextInternals)[CANCELLATION].signal;
  },
  get emit(): (name: string, payload: unknown) => void {
    const self = this as unknown as ContextInternals;
    return emitter(self[SPEC], self[EVENTS]);
  },
  get fail(): (code: string, message?: string, data?: unknown) => ContractError {
    return failer((this as unknown as ContextInternals)[SPEC]);
  },
});

const hasOwn = Object.prototype.hasOwnProperty;

/** Keys the framework owns on a handler's `ctx`: an app context key of the same name is not copied. */
const FRAMEWORK_KEYS = new Set(['signal', 'emit', 'fail', 'call', 'tx', 'resources', 'now', '__proto__']);

/** Where `ctx.emit` puts events: the handler run, which makes its list on the first one. */
export interface EventSink {
  pendingEvents(): PendingEvent[];
}

/**
 * Builds the `ctx` a handler receives: the app's context, the call facts, the transaction, the
 * loaded resources, `emit` (declared events only) and `fail` (declared domain errors only).
 */
export function buildHandlerContext(
  spec: AnyOperationSpec,
  app: AppContext,
  call: CallInfo,
  tx: unknown,
  resources: Readonly<Record<string, unknown>>,
  cancellation: Cancellation,
  now: () => Date,
  events: EventSink,
): HandlerContext<AnyOperationSpec> {
  const ctx = Object.create(HANDLER_CONTEXT_PROTOTYPE) as Record<string | symbol, unknown>;
  const fields = app as unknown as Readonly<Record<string, unknown>>;
  for (const key in fields) {
    if (hasOwn.call(fields, key) && !FRAMEWORK_KEYS.has(key)) ctx[key] = fields[key];
  }
  ctx[CANCELLATION] = cancellation;
  ctx[SPEC] = spec;
  ctx[EVENTS] = events;
  ctx.call = call;
  ctx.tx = tx;
  ctx.resources = resources;
  ctx.now = now;
  return ctx as HandlerContext<AnyOperationSpec>;
}
