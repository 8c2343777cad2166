import { describe, expect, it } from 'vitest';
import { BoundedLog } from './bounded-log.js';

describe('BoundedLog', () => {
  it('keeps everything, in order, until it is full', () => {
    const log = new BoundedLog<number>(3);
    log.push(1);
    log.push(2);
    expect([log.toArray(), log.dropped, log.total]).toEqual([[1, 2], 0, 2]);
  });

  it('keeps the newest entries, oldest first, however often it wraps', () => {
    const log = new BoundedLog<number>(4);
    for (let i = 1; i <= 10; i++) log.push(i);
    expect(log.toArray()).toEqual([7, 8, 9, 10]);
    expect([log.dropped, log.total]).toEqual([6, 10]);
    log.push(11);
    log.push(12);
    log.push(13);
    log.push(14);
    expect(log.toArray()).toEqual([11, 12, 13, 14]);
  });

  it('gives copies, and refuses a capacity that is not a positive integer', () => {
    const log = new BoundedLog<number>(2);
    log.push(1);
    log.toArray().push(99);
    expect(log.toArray()).toEqual([1]);
    expect(() => new BoundedLog(0)).toThrow(RangeError);
    expect(() => new BoundedLog(1.5)).toThrow(RangeError);
  });
});
