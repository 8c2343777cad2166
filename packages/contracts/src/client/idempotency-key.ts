/**
 * A fresh idempotency key: `crypto.randomUUID()`, or a version 4 UUID from
 * `crypto.getRandomValues` where `randomUUID` is missing (browsers outside secure contexts).
 * @example headers['idempotency-key'] = newIdempotencyKey();
 */
export function newIdempotencyKey(): string {
  const webCrypto = globalThis.crypto;
  if (typeof webCrypto?.randomUUID === 'function') return webCrypto.randomUUID();
  if (typeof webCrypto?.getRandomValues !== 'function')
    throw new TypeError('no Web Crypto in this runtime: pass idempotencyKey yourself');
  const bytes = webCrypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
