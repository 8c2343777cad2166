/** An object that makes the client-gone signal on demand (an adapter's request, say: no closure per call). */
export interface ClientSignalSource {
  clientSignal(): AbortSignal | undefined;
}

/** Where a call learns that its client went away: a signal, or a function or source giving one on demand. */
export type ClientSignal = AbortSignal | (() => AbortSignal | undefined) | ClientSignalSource;

function signalFrom(source: ClientSignal | undefined): AbortSignal | undefined {
  if (source === undefined || typeof source === 'function') return source?.();
  return 'clientSignal' in source ? source.clientSignal() : source;
}

/**
 * The cancellation of one call, with its `AbortSignal` created only if the handler asks for it
 * (most never do, and a signal is one of the costlier objects of a fast call). The client's own
 * signal is looked up and linked at that moment too, so a call whose handler never reads
 * `ctx.signal` pays for neither.
 */
export class Cancellation {
  #controller: AbortController | undefined;
  #aborted = false;
  #reason: unknown;
  #client: AbortSignal | undefined;
  #onClientAbort: (() => void) | undefined;
  readonly #source: ClientSignal | undefined;

  constructor(client?: ClientSignal) {
    this.#source = client;
  }

  /** The signal handed to the handler as `ctx.signal`. */
  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#aborted) this.#controller.abort(this.#reason);
      else this.#link();
    }
    return this.#controller.signal;
  }

  /** Cancels the call (timeout or client gone); the first reason wins. */
  abort(reason: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    this.#controller?.abort(reason);
  }

  /** Stops listening to the client (the call is over). */
  dispose(): void {
    if (this.#onClientAbort !== undefined) this.#client?.removeEventListener('abort', this.#onClientAbort);
  }

  #link(): void {
    const client = signalFrom(this.#source);
    if (client === undefined) return;
    this.#client = client;
    if (client.aborted) this.abort(client.reason);
    else {
      this.#onClientAbort = () => this.abort(client.reason);
      client.addEventListener('abort', this.#onClientAbort, { once: true });
    }
  }
}
