import { ContractError } from './errors.js';

const MAX_TIMER_MS = 2_147_483_647;

/** An object told when a call's deadline passes (no closure per call). */
export interface DeadlineListener {
  timedOut(): void;
}

/** Told when a call's deadline passes: a function, or a {@link DeadlineListener}. */
export type TimeoutListener = (() => void) | DeadlineListener;

/** One call waiting on its handler: settled by the handler or by the sweep, whichever comes first. */
class Deadline<T> {
  prev: Deadline<unknown> | undefined;
  next: Deadline<unknown> | undefined;
  constructor(
    readonly queue: DeadlineQueue,
    readonly at: number,
    readonly resolve: (value: T) => void,
    readonly reject: (error: unknown) => void,
    readonly onTimeout: TimeoutListener,
  ) {}

  settle(ok: boolean, value: unknown): void {
    if (!this.queue.remove(this as Deadline<unknown>)) return;
    if (ok) this.resolve(value as T);
    else this.reject(value);
  }

  expire(): void {
    const listener = this.onTimeout;
    if (typeof listener === 'function') listener();
    else listener.timedOut();
    this.reject(
      new ContractError('UNAVAILABLE', 'The operation timed out; try again later', { origin: 'handler' }),
    );
  }
}

/**
 * The calls in flight with one timeout length, oldest first, as a linked list: deadlines of one
 * length are made in time order, so the list stays sorted without sorting, the sweep looks at its
 * head only, and a call that ends unlinks itself with no allocation.
 */
class DeadlineQueue {
  #head: Deadline<unknown> | undefined;
  #tail: Deadline<unknown> | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  add(deadline: Deadline<unknown>): void {
    deadline.prev = this.#tail;
    if (this.#tail === undefined) this.#head = deadline;
    else this.#tail.next = deadline;
    this.#tail = deadline;
    if (this.#timer === undefined) this.#arm(deadline.at);
  }

  /** Unlinks a deadline; false when it was no longer queued (already expired or settled). */
  remove(deadline: Deadline<unknown>): boolean {
    const { prev, next } = deadline;
    if (prev === undefined && this.#head !== deadline) return false;
    if (prev === undefined) this.#head = next;
    else prev.next = next;
    if (next === undefined) this.#tail = prev;
    else next.prev = prev;
    deadline.prev = undefined;
    deadline.next = undefined;
    return true;
  }

  #arm(at: number): void {
    this.#timer = setTimeout(() => this.#sweep(), Math.max(0, at - Date.now()));
    // Where timers can be unreferenced (Node), a pending deadline alone does not keep the process up.
    (this.#timer as { unref?: () => void }).unref?.();
  }

  #sweep(): void {
    this.#timer = undefined;
    const now = Date.now();
    let first = this.#head;
    while (first !== undefined && first.at <= now) {
      this.remove(first);
      first.expire();
      first = this.#head;
    }
    if (first !== undefined) this.#arm(first.at);
  }
}

const queues = new Map<number, DeadlineQueue>();

function queueFor(ms: number): DeadlineQueue {
  let queue = queues.get(ms);
  if (queue === undefined) {
    queue = new DeadlineQueue();
    queues.set(ms, queue);
  }
  return queue;
}

/**
 * Resolves with `work`, or rejects UNAVAILABLE after `ms` and calls `onTimeout` (which aborts the
 * handler's `ctx.signal` so a cooperative handler can stop). A delay above 2^31-1 ms, or Infinity,
 * means no timeout. One timer per timeout length serves every call in flight: a call costs a
 * queue entry, not a timer of its own (timers are the single largest fixed cost of a fast call).
 */
export function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: TimeoutListener): Promise<T> {
  if (!(ms <= MAX_TIMER_MS)) return work;
  return new Promise<T>((resolve, reject) => {
    const queue = queueFor(ms);
    const deadline = new Deadline(queue, Date.now() + ms, resolve, reject, onTimeout);
    queue.add(deadline as Deadline<unknown>);
    work.then(
      (value) => deadline.settle(true, value),
      (error: unknown) => deadline.settle(false, error),
    );
  });
}
