/** A value now, or later. Pipeline steps stay synchronous when nothing they call is asynchronous. */
export type MaybePromise<T> = T | Promise<T>;

/** True for promises and other thenables. */
export function isThenable<T>(value: MaybePromise<T>): value is Promise<T> {
  return (
    typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function'
  );
}

/** Applies `fn` to `value`, now if it is a plain value, after it settles if it is a promise. */
export function andThen<T, R>(value: MaybePromise<T>, fn: (value: T) => MaybePromise<R>): MaybePromise<R> {
  return isThenable(value) ? value.then(fn) : fn(value);
}
