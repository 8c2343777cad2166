import { ContractError } from './errors.js';

const MAX_TIMER_MS = 2_147_483_647;

interface Deadline {
  readonly at: number;
  readonly fire: () => void;
}

// One timer for every call in flight, armed for the earliest deadline: a call costs a Set entry,
// not a timer of its own (timers are the single largest fixed cost of a fast call).
const pending = new Set<Deadline>();
let timer: ReturnType<typeof setTimeout> | undefined;
let timerAt = Number.POSITIVE_INFINITY;

function arm(at: number): void {
  if (timer !== undefined) clearTimeout(timer);
  timerAt = at;
  timer = setTimeout(sweep, Math.max(0, at - Date.now()));
  // Where timers can be unreferenced (Node), a pending deadline alone does not keep the process up.
  (timer as { unref?: () => void }).unref?.();
}

function sweep(): void {
  timer = undefined;
  timerAt = Number.POSITIVE_INFINITY;
  const now = Date.now();
  let next = Number.POSITIVE_INFINITY;
  for (const deadline of pending) {
    if (deadline.at <= now) {
      pending.delete(deadline);
      deadline.fire();
    } else if (deadline.at < next) {
      next = deadline.at;
    }
  }
  if (next !== Number.POSITIVE_INFINITY) arm(next);
}

function schedule(ms: number, fire: () => void): () => void {
  const deadline: Deadline = { at: Date.now() + ms, fire };
  pending.add(deadline);
  if (deadline.at < timerAt) arm(deadline.at);
  return () => void pending.delete(deadline);
}

/**
 * Resolves with `work`, or rejects UNAVAILABLE after `ms` and calls `onTimeout` (which aborts the
 * handler's `ctx.signal` so a cooperative handler can stop). A delay above 2^31-1 ms, or Infinity,
 * means no timeout.
 */
export function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  if (!(ms <= MAX_TIMER_MS)) return work;
  return new Promise<T>((resolve, reject) => {
    const cancel = schedule(ms, () => {
      onTimeout();
      reject(
        new ContractError('UNAVAILABLE', 'The operation timed out; try again later', { origin: 'handler' }),
      );
    });
    work.then(
      (value) => {
        cancel();
        resolve(value);
      },
      (error: unknown) => {
        cancel();
        reject(error);
      },
    );
  });
}
