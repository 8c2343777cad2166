import type { Clock } from '@lssm/lib.contracts';
import type { Timers } from '@lssm/lib.contracts/server/webhooks';

interface Pending {
  readonly id: number;
  readonly at: number;
  readonly ms: number;
  readonly callback: () => void;
}

/** A clock and timers that move only when told: `nextTimer()` waits for a wait to be scheduled, `advance` fires it. */
export class FakeTime implements Clock, Timers {
  #now: number;
  #next = 1;
  #pending: Pending[] = [];
  #waiters: Array<(ms: number) => void> = [];
  /** Every delay scheduled, in order. */
  readonly scheduled: number[] = [];

  constructor(startMs: number) {
    this.#now = startMs;
  }

  now(): Date {
    return new Date(this.#now);
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const timer = { id: this.#next++, at: this.#now + ms, ms, callback };
    this.#pending.push(timer);
    this.scheduled.push(ms);
    for (const waiter of this.#waiters.splice(0)) waiter(ms);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.#pending = this.#pending.filter((timer) => timer.id !== handle);
  }

  /** Resolves with the delay of the next timer scheduled (at once if one is pending). */
  nextTimer(): Promise<number> {
    const pending = this.#pending[0];
    if (pending !== undefined) return Promise.resolve(pending.ms);
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Moves the clock on by `ms`, firing every timer that falls due. */
  advance(ms: number): void {
    this.#now += ms;
    const due = this.#pending.filter((timer) => timer.at <= this.#now).sort((a, b) => a.at - b.at);
    this.#pending = this.#pending.filter((timer) => timer.at > this.#now);
    for (const timer of due) timer.callback();
  }

  /** How many timers are waiting. */
  get pendingCount(): number {
    return this.#pending.length;
  }
}
