import { ContractError } from './errors.js';
import { pendingPromise, type SettlerReceiver } from './promise-settlers.js';

const MAX_TIMER_MS = 2_147_483_647;

/** Something with a deadline, queued until it settles or the deadline passes. */
export interface DeadlineEntry {
  readonly at: number;
  prev: DeadlineEntry | undefined;
  next: DeadlineEntry | undefined;
  /** Called once the deadline has passed, after the entry left its queue. */
  expire(): void;
}

/**
 * The entries with one timeout length, oldest first, as a linked list: deadlines of one length
 * are made in time order, so the list stays sorted without sorting, the sweep looks at its head
 * only, and an entry that settles unlinks itself with no allocation. One timer serves the queue.
 */
export class DeadlineQueue {
  #head: DeadlineEntry | undefined;
  #tail: DeadlineEntry | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly ms: number) {}

  add(entry: DeadlineEntry): void {
    entry.prev = this.#tail;
    if (this.#tail === undefined) this.#head = entry;
    else this.#tail.next = entry;
    this.#tail = entry;
    if (this.#timer === undefined) this.#arm(entry.at);
  }

  /** Unlinks an entry; false when it was no longer queued (already expired or settled). */
  remove(entry: DeadlineEntry): boolean {
    const { prev, next } = entry;
    if (prev === undefined && this.#head !== entry) return false;
    if (prev === undefined) this.#head = next;
    else prev.next = next;
    if (next === undefined) this.#tail = prev;
    else next.prev = prev;
    entry.prev = undefined;
    entry.next = undefined;
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

/** The queue for one timeout length, or undefined when `ms` means no timeout (above 2^31-1, or Infinity). */
export function deadlineQueue(ms: number): DeadlineQueue | undefined {
  if (!(ms <= MAX_TIMER_MS)) return undefined;
  let queue = queues.get(ms);
  if (queue === undefined) {
    queue = new DeadlineQueue(ms);
    queues.set(ms, queue);
  }
  return queue;
}

/** What a call that ran out of time answers. */
export function timeoutError(): ContractError {
  return new ContractError('UNAVAILABLE', 'The operation timed out; try again later', { origin: 'handler' });
}

const ignore = (): void => undefined;

/**
 * Work raced against its queue's deadline: one promise settles with what the work's value becomes,
 * or rejects UNAVAILABLE when the deadline passes first. A subclass says what a value becomes and
 * what a timeout does; the pipeline's handler run is one (no wrapper promise per call).
 */
export abstract class DeadlineRace implements DeadlineEntry, SettlerReceiver<unknown> {
  at = 0;
  prev: DeadlineEntry | undefined = undefined;
  next: DeadlineEntry | undefined = undefined;
  #queue: DeadlineQueue | undefined;
  #resolve: (value: unknown) => void = ignore;
  #reject: (error: unknown) => void = ignore;

  receiveSettlers(resolve: (value: unknown) => void, reject: (error: unknown) => void): void {
    this.#resolve = resolve;
    this.#reject = reject;
  }

  /** Races `work` against a deadline `queue.ms` from now. */
  protected race(work: Promise<unknown>, queue: DeadlineQueue): Promise<unknown> {
    this.#queue = queue;
    this.at = Date.now() + queue.ms;
    const raced = pendingPromise(this);
    queue.add(this);
    work.then(
      (value) => this.#settle(true, value),
      (error: unknown) => this.#settle(false, error),
    );
    return raced;
  }

  /** The work settled: unless the deadline passed first, go on with its value or its error. */
  #settle(ok: boolean, value: unknown): void {
    // Set by `race` before the work is listened to.
    if (!(this.#queue as DeadlineQueue).remove(this)) return;
    if (!ok) {
      this.#reject(value);
      return;
    }
    try {
      this.#resolve(this.settled(value));
    } catch (error) {
      this.#reject(error);
    }
  }

  expire(): void {
    this.timedOut();
    this.#reject(timeoutError());
  }

  /** What the work's value becomes (it may throw, or give a promise). */
  protected abstract settled(value: unknown): unknown;

  /** Called once when the deadline passes first. */
  protected abstract timedOut(): void;
}

/** Plain work raced against its deadline, for {@link withTimeout}. */
class Deadline extends DeadlineRace {
  constructor(readonly onTimeout: () => void) {
    super();
  }

  run(work: Promise<unknown>, queue: DeadlineQueue): Promise<unknown> {
    return this.race(work, queue);
  }

  protected settled(value: unknown): unknown {
    return value;
  }

  protected timedOut(): void {
    this.onTimeout();
  }
}

/**
 * Resolves with `work`, or rejects UNAVAILABLE after `ms` and calls `onTimeout`. A delay above
 * 2^31-1 ms, or Infinity, means no timeout. One timer per timeout length serves every call in
 * flight: a call costs a queue entry, not a timer of its own (timers are the single largest fixed
 * cost of a fast call).
 */
export function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  const queue = deadlineQueue(ms);
  if (queue === undefined) return work;
  // Cast: a Deadline resolves with the work's own value, unchanged.
  return new Deadline(onTimeout).run(work, queue) as Promise<T>;
}
