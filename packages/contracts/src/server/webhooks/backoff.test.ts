import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  it('doubles from the base, with equal jitter between half and all of the step', () => {
    expect([1, 2, 3, 4].map((retry) => backoffDelay(retry, 1000, 60_000, () => 0))).toEqual([
      500, 1000, 2000, 4000,
    ]);
    expect([1, 2, 3, 4].map((retry) => backoffDelay(retry, 1000, 60_000, () => 0.999_999))).toEqual([
      1000, 2000, 4000, 8000,
    ]);
  });

  it('is capped at the maximum', () => {
    expect(backoffDelay(30, 1000, 60_000, () => 0.5)).toBe(45_000);
    expect(backoffDelay(1_000, 1000, 60_000, () => 1)).toBe(60_000);
  });

  it('stays within [step/2, step] for any retry and any random value, even a misbehaving one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ noNaN: true }), (retry, r) => {
        const step = Math.min(600_000, 1000 * 2 ** (retry - 1));
        const delay = backoffDelay(retry, 1000, 600_000, () => r);
        return delay >= Math.round(step / 2) && delay <= step;
      }),
    );
  });
});
