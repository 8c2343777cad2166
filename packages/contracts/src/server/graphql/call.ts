import type { AppContext, ExecuteRequest } from '../../index.js';

/** Makes the app context for one HTTP request (the same factory REST takes, bound to the request). */
export type ContextSource = () => AppContext | Promise<AppContext>;

/**
 * What one HTTP request hands every operation it runs (GraphQL's `contextValue`): its request id,
 * headers the pipeline needs, and the app context, made once however many fields ask for it.
 */
export class GraphQLCall {
  /** Set when a mutation answered from the idempotency store (the `Idempotent-Replayed` header). */
  replayed = false;
  /** Set when the body was cut off at the size limit (the answer is then 413). */
  bodyTooLarge = false;
  readonly requestId: string;
  readonly idempotencyKey: string | undefined;
  readonly clientKey: string | undefined;
  readonly signal: ExecuteRequest['signal'];
  readonly #source: ContextSource;
  #made = false;
  #failed = false;
  #value: AppContext | Promise<AppContext> | undefined;
  #error: unknown;

  constructor(
    requestId: string,
    source: ContextSource,
    idempotencyKey: string | undefined,
    clientKey: string | undefined,
    signal: ExecuteRequest['signal'],
  ) {
    this.requestId = requestId;
    this.#source = source;
    this.idempotencyKey = idempotencyKey;
    this.clientKey = clientKey;
    this.signal = signal;
  }

  /**
   * A body that could not be read, as graphql-http is told of it (a rejection of `body()`); one cut
   * off at the size limit marks the call, so the answer is 413.
   */
  bodyRefused(kind: 'too-large' | 'unreadable'): Error {
    if (kind === 'too-large') this.bodyTooLarge = true;
    return new Error(kind === 'too-large' ? 'The body is too large' : 'The body is not UTF-8');
  }

  /** The app context: the factory runs on the first call only; later calls share its answer (or throw). */
  context(): AppContext | Promise<AppContext> {
    if (!this.#made) {
      this.#made = true;
      try {
        this.#value = this.#source();
      } catch (error) {
        this.#failed = true;
        this.#error = error;
      }
    }
    if (this.#failed) throw this.#error;
    return this.#value as AppContext | Promise<AppContext>; // set above when the factory did not throw
  }
}
