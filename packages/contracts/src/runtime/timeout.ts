import { ContractError } from './errors.js';

const MAX_TIMER_MS = 2_147_483_647;

/**
 * Resolves with `work`, or rejects UNAVAILABLE after `ms` and aborts `controller` so a cooperative
 * handler can stop (its `ctx.signal` fires).
 */
export async function withTimeout<T>(work: Promise<T>, ms: number, controller: AbortController): Promise<T> {
  // Timers clamp delays above 2^31-1 ms (and Infinity) to 1 ms; such a timeout means "none".
  if (!(ms <= MAX_TIMER_MS)) return work;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(new Error('handler timed out'));
      reject(
        new ContractError('UNAVAILABLE', 'The operation timed out; try again later', { origin: 'handler' }),
      );
    }, ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
