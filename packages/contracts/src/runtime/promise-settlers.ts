type Resolve = (value: never) => void;
type Reject = (error: unknown) => void;

/** An object that keeps the settlers of a promise made for it by {@link pendingPromise}. */
export interface SettlerReceiver<T> {
  receiveSettlers(resolve: (value: T | PromiseLike<T>) => void, reject: (error: unknown) => void): void;
}

const ignore = (): void => undefined;
let lastResolve: Resolve = ignore;
let lastReject: Reject = ignore;

function capture(resolve: Resolve, reject: Reject): void {
  lastResolve = resolve;
  lastReject = reject;
}

/**
 * Makes a pending promise and hands its settlers to `receiver`, with one shared executor instead
 * of a closure per promise (the pipeline makes one per call).
 */
export function pendingPromise<T>(receiver: SettlerReceiver<T>): Promise<T> {
  const promise = new Promise<T>(capture);
  const resolve = lastResolve as (value: T | PromiseLike<T>) => void;
  const reject = lastReject;
  lastResolve = ignore;
  lastReject = ignore;
  receiver.receiveSettlers(resolve, reject);
  return promise;
}
