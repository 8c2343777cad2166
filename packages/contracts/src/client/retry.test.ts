import { describe, expect, it } from 'vitest';
import {
  type AttemptOutcome,
  delayBeforeRetry,
  isRetryable,
  retryAfterMs,
  retryPolicy,
  sleep,
} from './retry.js';

const answer = (status: number, code?: string, retryAfter: string | null = null): AttemptOutcome => ({
  kind: 'answer',
  status,
  code,
  retryAfter,
});

describe('retries', () => {
  it.each([
    ['no answer (network)', { kind: 'network' } as const, true],
    ['503', answer(503, 'UNAVAILABLE'), true],
    ['502 from a proxy', answer(502), true],
    ['504 from a proxy', answer(504), true],
    ['409 in flight (Retry-After)', answer(409, 'CONFLICT', '1'), true],
    ['409 other input for the key', answer(409, 'CONFLICT'), false],
    ['409 declared domain error', answer(409, 'ALREADY_PAID', '1'), false],
    ['500', answer(500, 'INTERNAL'), false],
    ['429', answer(429, 'RATE_LIMITED', '3'), false],
    ['400', answer(400, 'INVALID_INPUT'), false],
  ])('%s: retryable %s', (_what, outcome, expected) => {
    expect(isRetryable(outcome)).toBe(expected);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });

  it('backs off exponentially with jitter, capped, and stops after the configured retries', () => {
    const policy = retryPolicy({ retries: 4, minDelayMs: 100, maxDelayMs: 500 });
    const network = { kind: 'network' } as const;
    expect(delayBeforeRetry(policy, 0, network, () => 0)).toBe(50);
    expect(delayBeforeRetry(policy, 0, network, () => 1)).toBe(100);
    expect(delayBeforeRetry(policy, 2, network, () => 1)).toBe(400);
    expect(delayBeforeRetry(policy, 3, network, () => 1)).toBe(500);
    expect(delayBeforeRetry(policy, 4, network)).toBeUndefined();
    expect(delayBeforeRetry(retryPolicy(false), 0, network)).toBeUndefined();
  });

  it("follows the server's Retry-After, unless it asks for longer than the longest wait", () => {
    const policy = retryPolicy({ maxDelayMs: 5_000 });
    expect(delayBeforeRetry(policy, 0, answer(503, 'UNAVAILABLE', '2'))).toBe(2000);
    expect(delayBeforeRetry(policy, 0, answer(503, 'UNAVAILABLE', '60'))).toBeUndefined();
    expect(delayBeforeRetry(policy, 0, answer(400, 'INVALID_INPUT'))).toBeUndefined();
  });

  it('refuses nonsense settings', () => {
    expect(() => retryPolicy({ retries: -1 })).toThrow(/retries/);
    expect(() => retryPolicy({ minDelayMs: Number.NaN })).toThrow(/minDelayMs/);
  });

  it('sleeps until aborted, then rejects with the reason', async () => {
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    await expect(sleep(1, controller.signal)).rejects.toThrow('stop');
    await expect(sleep(1, undefined)).resolves.toBeUndefined();
  });
});
