import type { SchemaWire } from '../runtime/context.js';
import type { FrameworkErrorCode } from '../runtime/errors.js';
import type { AnyOperationSpec } from '../spec/operation.js';
import type { IoSchema } from '../spec/types.js';
import type { ContractClientError } from './error.js';
import type { RetryOptions } from './retry.js';

/**
 * The shape of a client: operation specs, grouped in (nested) objects however you like; each spec
 * becomes a function at the same place.
 * @example { billing: { capturePayment: CapturePayment, listInvoices: ListInvoices } }
 */
export interface OperationTree {
  readonly [key: string]: AnyOperationSpec | OperationTree;
}

/** The JSON a client sends as the input of `S` (the wire type of its input model). */
export type ClientInput<S extends AnyOperationSpec> = SchemaWire<S['io']['input']>;

/** The JSON a client receives as the output of `S` (`DateTime` fields are ISO strings). */
export type ClientOutput<S extends AnyOperationSpec> = SchemaWire<S['io']['output']>;

type DeclaredErrors<S extends AnyOperationSpec> = NonNullable<S['io']['errors']>;

type ErrorData<E> = E extends { readonly data: infer D extends IoSchema } ? SchemaWire<D> : undefined;

/**
 * Every error a call of `S` can give: one {@link ContractClientError} per declared domain code, with
 * its typed `data`, and the framework codes (`INVALID_INPUT`, `UNAUTHENTICATED`, ...). Narrow on
 * `code`.
 */
export type ClientErrorOf<S extends AnyOperationSpec> =
  | {
      [C in keyof DeclaredErrors<S> & string]: ContractClientError<C, ErrorData<DeclaredErrors<S>[C]>>;
    }[keyof DeclaredErrors<S> & string]
  | ContractClientError<FrameworkErrorCode, undefined>;

/** A call that succeeded. */
export interface CallSuccess<O> {
  readonly ok: true;
  readonly output: O;
  /** The server replayed the stored answer of an earlier call with the same idempotency key. */
  readonly replayed: boolean;
  /** `X-Request-Id` of the answer. */
  readonly requestId: string | undefined;
  readonly status: number;
  /** The answer's headers (e.g. `Deprecation`, `Sunset`). */
  readonly headers: Headers;
  /** How many requests were sent (1 plus the retries). */
  readonly attempts: number;
}

/** A call that failed: the server's error answer, or UNAVAILABLE with status 0 when none arrived. */
export interface CallFailure<E> {
  readonly ok: false;
  readonly error: E;
}

/** What a call of `S` resolves to. It rejects only when your `signal` aborts it. */
export type CallResult<S extends AnyOperationSpec> =
  | CallSuccess<ClientOutput<S>>
  | CallFailure<ClientErrorOf<S>>;

/** Options of one call. */
export interface CallOptions {
  /** For commands: the key to send (default: a fresh UUID per call, reused by its retries). */
  readonly idempotencyKey?: string;
  /** Aborts the call, its retries included; the promise then rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Extra request headers for this call. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Retries for this call (default: the client's). */
  readonly retry?: RetryOptions | false;
}

/** The function calling one operation; it carries its spec. Input may be left out when nothing is required. */
export type OperationCaller<S extends AnyOperationSpec> = ((
  ...args: Record<string, never> extends ClientInput<S>
    ? [input?: ClientInput<S>, options?: CallOptions]
    : [input: ClientInput<S>, options?: CallOptions]
) => Promise<CallResult<S>>) & { readonly spec: S };

/** The client of a tree: the same shape, with a caller in place of every spec. */
export type ClientOf<T extends OperationTree> = {
  readonly [K in keyof T]: T[K] extends AnyOperationSpec
    ? OperationCaller<T[K]>
    : T[K] extends OperationTree
      ? ClientOf<T[K]>
      : never;
};

/** Request headers, or a function giving them per attempt (e.g. a fresh access token). */
export type HeadersSource =
  | Readonly<Record<string, string>>
  | (() => Readonly<Record<string, string>> | Promise<Readonly<Record<string, string>>>);

/** The `fetch` the client calls (the global one by default). */
export type FetchFn = (url: string, init: RequestInit) => Promise<Response>;

/** Options of `createClient`. */
export interface ClientOptions<T extends OperationTree> {
  /** The operations, in the shape the client takes. */
  readonly operations: T;
  /** Origin of the API, e.g. `https://api.example.com` (default: none, so same-origin paths in browsers). */
  readonly baseUrl?: string;
  /** Where operations live on the server (default `/api/ops`, the REST transport's default). */
  readonly basePath?: string;
  readonly headers?: HeadersSource;
  readonly fetch?: FetchFn;
  /** Automatic retries (default 3, exponential backoff); `false` turns them off. */
  readonly retry?: RetryOptions | false;
}
