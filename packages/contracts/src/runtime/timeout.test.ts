import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContractError } from './errors.js';
import { withTimeout } from './timeout.js';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('withTimeout', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('passes the value or the error of work that ends in time', async () => {
    const onTimeout = vi.fn();
    await expect(withTimeout(Promise.resolve(7), 1_000, onTimeout)).resolves.toBe(7);
    await expect(withTimeout(Promise.reject(new Error('boom')), 1_000, onTimeout)).rejects.toThrow('boom');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(onTimeout).not.toHaveBeenCalled();
  });

  it('rejects UNAVAILABLE at the deadline and calls onTimeout once', async () => {
    const onTimeout = vi.fn();
    const work = deferred<number>();
    const raced = withTimeout(work.promise, 1_000, onTimeout);
    const outcome = raced.then(
      () => 'resolved',
      (error: unknown) => error,
    );
    await vi.advanceTimersByTimeAsync(999);
    expect(onTimeout).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    const error = await outcome;
    expect(ContractError.is(error) && error.code).toBe('UNAVAILABLE');
    expect(onTimeout).toHaveBeenCalledTimes(1);
    work.resolve(1);
    await vi.advanceTimersByTimeAsync(10);
    expect(onTimeout).toHaveBeenCalledTimes(1);
  });

  it('expires exactly the calls still running, whatever order the others end in', async () => {
    const works = Array.from({ length: 20 }, () => deferred<number>());
    const fired: number[] = [];
    const results = works.map((w, i) => {
      const raced = withTimeout(w.promise, 500, () => fired.push(i));
      return raced.then(
        (v) => `ok ${v}`,
        () => 'timeout',
      );
    });
    // Every third call ends, in reverse order; the rest run past the deadline.
    for (let i = works.length - 1; i >= 0; i--) if (i % 3 === 0) works[i]?.resolve(i);
    await vi.advanceTimersByTimeAsync(500);
    const settled = await Promise.all(results);
    for (const [i, result] of settled.entries()) expect(result).toBe(i % 3 === 0 ? `ok ${i}` : 'timeout');
    expect(fired.sort((a, b) => a - b)).toEqual(works.map((_, i) => i).filter((i) => i % 3 !== 0));
  });

  it('keeps separate timeout lengths apart and sweeps later deadlines when they come', async () => {
    const short = withTimeout(new Promise<never>(() => undefined), 100, () => undefined).catch(() => 'short');
    const long = withTimeout(new Promise<never>(() => undefined), 300, () => undefined).catch(() => 'long');
    const order: string[] = [];
    void short.then((s) => order.push(s));
    void long.then((s) => order.push(s));
    await vi.advanceTimersByTimeAsync(150);
    expect(order).toEqual(['short']);
    await vi.advanceTimersByTimeAsync(200);
    expect(order).toEqual(['short', 'long']);
  });

  it('means no timeout above the largest timer delay', async () => {
    const work = Promise.resolve('same');
    expect(withTimeout(work, Number.POSITIVE_INFINITY, () => undefined)).toBe(work);
  });
});
