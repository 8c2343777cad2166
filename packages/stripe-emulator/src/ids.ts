import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A random base62 string of `length` characters (crypto-random, slight modulo bias is fine here).
 * @example randomToken(24) // 'Xk3...'
 */
export function randomToken(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

/**
 * A Stripe-looking object id: the prefix, an underscore and 24 random characters.
 * @example newId('pi') // 'pi_3Pq...'
 */
export function newId(prefix: string): string {
  return `${prefix}_${randomToken(24)}`;
}

/** A `Request-Id` header value, like Stripe's `req_` ids. */
export function newRequestId(): string {
  return `req_${randomToken(14)}`;
}
