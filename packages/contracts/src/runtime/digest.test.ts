import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultHasher, type Hasher, randomId, webCryptoHasher } from './digest.js';

const hashers: Array<[string, Hasher]> = [
  ['defaultHasher()', defaultHasher()],
  ['webCryptoHasher', webCryptoHasher],
];

// FIPS 180-2 / RFC 6234 and RFC 4231 vectors.
const SHA256: Array<[string, string]> = [
  ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  [
    'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
    '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
  ],
  ['a'.repeat(1_000_000), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0'],
];

const HMAC: Array<[string, string, string, string]> = [
  [
    'RFC 4231 case 2',
    'Jefe',
    'what do ya want for nothing?',
    '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
  ],
  [
    'RFC 4231 case 1',
    '\u000b'.repeat(20),
    'Hi There',
    'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
  ],
  [
    'a key longer than the hash block (hashed first)',
    'k'.repeat(200),
    'long key',
    '0b10c8c6ad1000acb54ef1bc8eebb614fd3bd38ab9b3873365b91f33c612a6b3',
  ],
];

describe.each(hashers)('%s', (_name, hasher) => {
  it.each(SHA256)('SHA-256 of %#', async (text, expected) => {
    expect(await hasher.sha256(text)).toBe(expected);
  });

  it.each(HMAC)('HMAC-SHA-256, %s', async (_l, key, text, hex) => {
    expect(await hasher.hmacSha256(key, text)).toBe(hex);
  });

  it('gives lower-case hex of 64 characters', async () => {
    expect(await hasher.sha256('x')).toMatch(/^[0-9a-f]{64}$/);
    expect(await hasher.hmacSha256('k', 'x')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashes text as UTF-8', async () => {
    // SHA-256 of the UTF-8 bytes c3 a9 ('é') and f0 9f 98 80 (U+1F600).
    expect(await hasher.sha256('é')).toBe('4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c');
    expect(await hasher.sha256('😀')).toBe(
      'f0443a342c5ef54783a111b51ba56c938e474c32324d90c3a60c9c8e3a37e2d9',
    );
    expect(await hasher.sha256('é')).not.toBe(await hasher.sha256('e\u0301')); // no normalisation
  });

  it('accepts an empty HMAC key', async () => {
    // HMAC zero-pads keys, so an empty key and a single zero byte are the same key.
    expect(await hasher.hmacSha256('', 'x')).toBe(
      '4cbc96099a6467ce002461f10549b4898265ebe6188b45efacc44293516e62c4',
    );
    expect(await hasher.hmacSha256('', 'x')).toBe(await hasher.hmacSha256('\u0000', 'x'));
  });
});

describe('defaultHasher() and webCryptoHasher', () => {
  it('agree on SHA-256 and HMAC-SHA-256 for any text and key, including lone surrogates (property)', async () => {
    const node = defaultHasher();
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), async (key, text) => {
        expect(await node.sha256(text)).toBe(await webCryptoHasher.sha256(text));
        expect(await node.hmacSha256(key, text)).toBe(await webCryptoHasher.hmacSha256(key, text));
      }),
      { numRuns: 200 },
    );
  });

  it('uses Node crypto synchronously where it exists', () => {
    expect(typeof defaultHasher().sha256('abc')).toBe('string');
    expect(webCryptoHasher.sha256('abc')).toBeInstanceOf(Promise);
  });
});

describe('randomId', () => {
  it('gives distinct UUID v4 values', () => {
    const ids = new Set(Array.from({ length: 1000 }, randomId));
    expect(ids.size).toBe(1000);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
