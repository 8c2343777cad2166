import type { InferInput, InferOutput, SchemaModel, StandardSchemaV1 } from '@lssm/lib.schema';
import type { Identity } from '../policy/types.js';
import type { AnyEventSpec } from '../spec/event.js';
import type { AnyOperationSpec } from '../spec/operation.js';
import type { DomainErrors, IoSchema, Transport } from '../spec/types.js';
import type { ContractError } from './errors.js';

/**
 * What an app's context factory returns. A missing `userId` means "no identity", whatever
 * `actor` says. Extend it through {@link Register}.
 */
export interface BaseContext extends Identity {
  readonly actor: 'anonymous' | 'user' | 'admin' | (string & {});
  readonly userId?: string | null;
  readonly tenantId?: string | null;
  readonly roles?: readonly string[];
}

/**
 * Declaration-merging hook for app types.
 * @example declare module '@lssm/lib.contracts' { interface Register { context: MyContext; transaction: Tx } }
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by apps through declaration merging.
export interface Register {}

/** The app's context type (from {@link Register}, else {@link BaseContext}). */
export type AppContext = Register extends { context: infer C extends BaseContext } ? C : BaseContext;
/** The transaction handle handlers receive (from {@link Register}, else `unknown`). */
export type AppTransaction = Register extends { transaction: infer T } ? T : unknown;

/** The value a schema yields after validation (what a handler receives). */
export type SchemaOutput<S> =
  S extends SchemaModel<infer _F>
    ? InferOutput<S>
    : S extends StandardSchemaV1
      ? StandardSchemaV1.InferOutput<S>
      : never;

/** The value a schema accepts before validation (what a handler returns for its output). */
export type SchemaInput<S> =
  S extends SchemaModel<infer _F>
    ? InferOutput<S>
    : S extends StandardSchemaV1
      ? StandardSchemaV1.InferInput<S>
      : never;

/** The wire value of a schema (what clients send and receive). */
export type SchemaWire<S> =
  S extends SchemaModel<infer _F>
    ? InferInput<S>
    : S extends StandardSchemaV1
      ? StandardSchemaV1.InferInput<S>
      : never;

/** The input a handler of `S` receives. */
export type InputOf<S extends AnyOperationSpec> = SchemaOutput<S['io']['input']>;
/** What a handler of `S` returns. */
export type OutputOf<S extends AnyOperationSpec> = SchemaInput<S['io']['output']>;

/** Facts about the current call. */
export interface CallInfo {
  readonly requestId: string;
  readonly transport: Transport;
  readonly operation: { readonly name: string; readonly version: number };
  readonly idempotencyKey?: string;
  readonly traceId?: string;
  readonly startedAt: Date;
}

/** The app context, with `userId` known to be present when the policy requires an identity. */
type Authenticated<A> = A extends 'anonymous'
  ? AppContext
  : Omit<AppContext, 'userId'> & { readonly userId: string };

type EventNamed<Ev extends readonly AnyEventSpec[], N> = Extract<
  Ev[number],
  { readonly meta: { readonly name: N } }
>;

/** Emits one of the spec's declared events; it is published after the unit of work commits. */
export type EmitFn<Ev extends readonly AnyEventSpec[]> = <N extends Ev[number]['meta']['name']>(
  name: N,
  payload: SchemaInput<EventNamed<Ev, N>['payload']>,
) => void;

type ErrorData<E> = E extends { readonly data: infer D extends IoSchema } ? SchemaInput<D> : undefined;

/** Builds one of the spec's declared domain errors, to throw. */
export type FailFn<E extends DomainErrors> = <C extends keyof E & string>(
  code: C,
  ...args: ErrorData<E[C]> extends undefined
    ? [message?: string]
    : [message: string | undefined, data: ErrorData<E[C]>]
) => ContractError<C, ErrorData<E[C]>>;

/** The context a handler of `S` receives: the app's context, narrowed by the policy, plus the call's tools. */
export type HandlerContext<S extends AnyOperationSpec> = Authenticated<S['policy']['auth']> & {
  readonly call: CallInfo;
  /** The unit of work's transaction: do the operation's writes with it. */
  readonly tx: AppTransaction;
  /** Resources the policy loaded (e.g. `resources.invoice`), so the handler need not load them again. */
  readonly resources: Readonly<Record<string, unknown>>;
  readonly emit: EmitFn<NonNullable<S['events']>>;
  readonly fail: FailFn<NonNullable<S['io']['errors']>>;
  /** Aborted when the call times out or the client goes away. */
  readonly signal: AbortSignal;
  now(): Date;
};

/** A handler of `S`. */
export type Handler<S extends AnyOperationSpec> = (
  input: InputOf<S>,
  ctx: HandlerContext<S>,
) => Promise<OutputOf<S>> | OutputOf<S>;
