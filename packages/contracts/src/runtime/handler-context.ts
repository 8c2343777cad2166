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

/** The prototype of every handler context: `ctx.signal` is created on first read. */
const SIGNAL_FROM_CANCELLATION = Object.freeze({
  get signal(): AbortSignal {
    return ((this as unknown as Record<symbol, unknown>)[CANCELLATION] as Cancellation).signal;
  },
});

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

/**
 * Builds the `ctx` a handler receives: the app's context, the call facts, the transaction, the
 * loaded resources, `emit` (declared events only) and `fail` (declared domain errors only).
 */
export function buildHandlerContext(args: {
  readonly spec: AnyOperationSpec;
  readonly app: AppContext;
  readonly call: CallInfo;
  readonly tx: unknown;
  readonly resources: Readonly<Record<string, unknown>>;
  readonly cancellation: Cancellation;
  readonly now: () => Date;
  readonly events: PendingEvent[];
}): HandlerContext<AnyOperationSpec> {
  const { spec, events, cancellation } = args;
  const declared = declaredEvents(spec);
  const emit = (name: string, payload: unknown): void => {
    if (!declared.has(name)) {
      throw new ContractError('INTERNAL', undefined, {
        origin: 'handler',
        cause: new Error(`${spec.meta.name} emitted undeclared event "${name}"`),
      });
    }
    events.push({ name, payload });
  };
  const fail = (code: string, message?: string, data?: unknown): ContractError => {
    if (spec.io.errors === undefined || !Object.hasOwn(spec.io.errors, code)) {
      return new ContractError('INTERNAL', undefined, {
        origin: 'handler',
        cause: new Error(`${spec.meta.name} failed with undeclared error "${code}"`),
      });
    }
    return new ContractError(code, message ?? spec.io.errors[code]?.description, { data });
  };
  // Built by assignment, not `{ ...app, ... }`: object spread plus extra keys is a slow path on
  // Node 20's V8 (about half a microsecond per key), and this runs on every call.
  const ctx = Object.create(SIGNAL_FROM_CANCELLATION) as Record<string | symbol, unknown>;
  const app = args.app as unknown as Readonly<Record<string, unknown>>;
  for (const key of Object.keys(app)) if (key !== 'signal' && key !== '__proto__') ctx[key] = app[key];
  ctx[CANCELLATION] = cancellation;
  ctx.call = args.call;
  ctx.tx = args.tx;
  ctx.resources = args.resources;
  ctx.emit = emit;
  ctx.fail = fail;
  ctx.now = args.now;
  return ctx as HandlerContext<AnyOperationSpec>;
}
