/** Computes SHA-256 and HMAC-SHA-256 as lower-case hex. */
export interface Hasher {
  sha256(text: string): string | Promise<string>;
  hmacSha256(key: string, text: string): string | Promise<string>;
}

interface NodeCrypto {
  createHash(algorithm: string): { update(text: string): { digest(encoding: 'hex'): string } };
  createHmac(algorithm: string, key: string): { update(text: string): { digest(encoding: 'hex'): string } };
}

function hex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A portable hasher on Web Crypto (every modern runtime); asynchronous. */
export const webCryptoHasher: Hasher = {
  async sha256(text) {
    return hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  },
  async hmacSha256(key, text) {
    const raw = new TextEncoder().encode(key);
    const k = await crypto.subtle.importKey(
      'raw',
      // Web Crypto rejects an empty key; HMAC zero-pads keys to the block size, so one zero byte is the same key.
      raw.length === 0 ? new Uint8Array(1) : raw,
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    return hex(await crypto.subtle.sign('HMAC', k, new TextEncoder().encode(text)));
  },
};

function nodeCrypto(): NodeCrypto | undefined {
  // Feature detection, not an import: the core stays free of Node-only imports and runs anywhere.
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const mod = proc?.getBuiltinModule?.('node:crypto');
  return typeof mod === 'object' && mod !== null && 'createHmac' in mod ? (mod as NodeCrypto) : undefined;
}

/** The fastest hasher available: Node's synchronous `crypto` when present, else Web Crypto. */
export function defaultHasher(): Hasher {
  const node = nodeCrypto();
  if (node === undefined) return webCryptoHasher;
  return {
    sha256: (text) => node.createHash('sha256').update(text).digest('hex'),
    hmacSha256: (key, text) => node.createHmac('sha256', key).update(text).digest('hex'),
  };
}

/** A random id (UUID v4) from the platform's CSPRNG. */
export function randomId(): string {
  return crypto.randomUUID();
}

// 48 random bits name this process; a counter names each call. Unique across processes, cheap.
const PROCESS_TAG = crypto.randomUUID().replaceAll('-', '').slice(0, 12);
let sequence = 0;

/** A request id unique across processes (`<process tag>-<counter>`), much cheaper than a UUID. */
export function nextRequestId(): string {
  sequence = (sequence + 1) % Number.MAX_SAFE_INTEGER;
  return `${PROCESS_TAG}-${sequence.toString(36)}`;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The id of a call: the caller's, when well-formed (1-128 of `A-Z a-z 0-9 . _ : -`), else a new one. */
export function requestIdFrom(candidate: string | undefined): string {
  return candidate !== undefined && REQUEST_ID.test(candidate) ? candidate : nextRequestId();
}
