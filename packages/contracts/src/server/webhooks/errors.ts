import { ContractError } from '../../index.js';

/** The delivery's signature does not verify (missing header, wrong secret, altered body): 401. */
export function badSignature(message = 'The webhook signature does not match'): ContractError {
  return new ContractError('UNAUTHENTICATED', message, { origin: 'transport' });
}

/** The signed timestamp is too old or too far in the future (a replay or a skewed sender): 401. */
export function outsideWindow(): ContractError {
  return new ContractError('UNAUTHENTICATED', 'The webhook timestamp is outside the accepted window', {
    origin: 'transport',
  });
}

/** The body is signed but is not an event we can read (not JSON, no id or type): 400. */
export function malformedEvent(message: string): ContractError {
  return new ContractError('INVALID_INPUT', message, { origin: 'transport' });
}

const UNIX_SECONDS = /^\d{1,12}$/;

/** A Unix timestamp in seconds from its decimal text (digits only), or undefined. */
export function parseUnixSeconds(text: string | null | undefined): number | undefined {
  return typeof text === 'string' && UNIX_SECONDS.test(text) ? Number(text) : undefined;
}

/**
 * The two-sided window: throws unless `timestampSeconds` lies within `toleranceSeconds` of `now`,
 * in the past (a replay) or in the future (a skewed or forged clock). The bounds are accepted.
 */
export function assertWithinWindow(timestampSeconds: number, now: Date, toleranceSeconds: number): void {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (Math.abs(nowSeconds - timestampSeconds) > toleranceSeconds) throw outsideWindow();
}

/** Compares two strings in time that depends only on their length (signatures are not secret-length). */
export function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
