import type { AnyOperationSpec } from '../spec/operation.js';
import type { AppContext, CallInfo, HandlerContext } from './context.js';
import { ContractError } from './errors.js';

/** An event a handler emitted, waiting for validation and the outbox. */
export interface PendingEvent {
  readonly name: string;
  readonly payload: unknown;
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
  readonly signal: AbortSignal;
  readonly now: () => Date;
  readonly events: PendingEvent[];
}): HandlerContext<AnyOperationSpec> {
  const { spec, events } = args;
  const declared = new Set((spec.events ?? []).map((event: { meta: { name: string } }) => event.meta.name));
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
  return {
    ...args.app,
    call: args.call,
    tx: args.tx,
    resources: args.resources,
    emit,
    fail,
    signal: args.signal,
    now: args.now,
  } as HandlerContext<AnyOperationSpec>;
}
