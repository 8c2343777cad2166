import { describe, expect, it } from 'vitest';
import { ContractError } from '../../index.js';
import { assertWithinWindow, parseUnixSeconds, timingSafeEqual } from './errors.js';

const now = new Date('2025-06-01T12:00:00.900Z');
const nowSeconds = Math.floor(now.getTime() / 1000);

function refusal(timestamp: number, tolerance = 300): ContractError | undefined {
  try {
    assertWithinWindow(timestamp, now, tolerance);
    return undefined;
  } catch (error) {
    if (ContractError.is(error)) return error;
    throw error;
  }
}

describe('assertWithinWindow', () => {
  it('accepts timestamps up to the tolerance on both sides, bounds included', () => {
    for (const offset of [0, -300, 300, -1, 1]) expect(refusal(nowSeconds + offset)).toBeUndefined();
  });

  it('refuses stale and future timestamps with UNAUTHENTICATED (401)', () => {
    for (const offset of [-301, 301, -86_400, 86_400]) {
      expect(refusal(nowSeconds + offset)).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    }
  });

  it('follows the tolerance given', () => {
    expect(refusal(nowSeconds - 31, 30)?.code).toBe('UNAUTHENTICATED');
    expect(refusal(nowSeconds - 599, 600)).toBeUndefined();
  });
});

describe('parseUnixSeconds', () => {
  it('reads digits only', () => {
    expect(parseUnixSeconds('1748779200')).toBe(1748779200);
    for (const text of ['', ' 1', '1.5', '-1', '1e9', '0x10', '12abc', '1234567890123', null, undefined])
      expect(parseUnixSeconds(text)).toBeUndefined();
  });
});

describe('timingSafeEqual', () => {
  it('is string equality', () => {
    expect(timingSafeEqual('abc', 'abc')).toBe(true);
    expect(timingSafeEqual('abc', 'abd')).toBe(false);
    expect(timingSafeEqual('abc', 'abcd')).toBe(false);
    expect(timingSafeEqual('', '')).toBe(true);
  });
});
