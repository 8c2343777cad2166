import { describe, expect, it } from 'vitest';
import type { Clock } from '../ports.js';
import { MemoryEventInbox } from './event-inbox.js';

class FakeClock implements Clock {
  constructor(public ms = Date.UTC(2025, 0, 1)) {}
  now(): Date {
    return new Date(this.ms);
  }
  advance(seconds: number): void {
    this.ms += seconds * 1000;
  }
}

describe('MemoryEventInbox', () => {
  it('claims an event once: new, then in-flight, then done once completed', async () => {
    const inbox = new MemoryEventInbox(new FakeClock());
    expect(await inbox.claim('stripe', 'evt_1', 60)).toBe('new');
    expect(await inbox.claim('stripe', 'evt_1', 60)).toBe('in-flight');
    await inbox.complete('stripe', 'evt_1', 3600);
    expect(await inbox.claim('stripe', 'evt_1', 60)).toBe('done');
  });

  it('keeps sources apart, even when joining them with the id would collide', async () => {
    const inbox = new MemoryEventInbox(new FakeClock());
    expect(await inbox.claim('a', 'b:c', 60)).toBe('new');
    expect(await inbox.claim('a:b', 'c', 60)).toBe('new');
    expect(await inbox.claim('github', 'b:c', 60)).toBe('new');
    expect(inbox.size).toBe(3);
  });

  it('gives 20 concurrent claims of one event exactly one "new"', async () => {
    const inbox = new MemoryEventInbox();
    const answers = await Promise.all(Array.from({ length: 20 }, () => inbox.claim('s', 'evt', 60)));
    expect(answers.filter((a) => a === 'new')).toHaveLength(1);
    expect(answers.filter((a) => a === 'in-flight')).toHaveLength(19);
  });

  it('release forgets an unfinished claim so a retry runs, but never a processed event', async () => {
    const inbox = new MemoryEventInbox(new FakeClock());
    await inbox.claim('s', 'evt_1', 60);
    await inbox.release('s', 'evt_1');
    expect(await inbox.claim('s', 'evt_1', 60)).toBe('new');
    await inbox.complete('s', 'evt_1', 3600);
    await inbox.release('s', 'evt_1');
    expect(await inbox.claim('s', 'evt_1', 60)).toBe('done');
  });

  it('lets an abandoned claim be taken over after its lease, and forgets processed events after retention', async () => {
    const clock = new FakeClock();
    const inbox = new MemoryEventInbox(clock);
    await inbox.claim('s', 'crashed', 60);
    clock.advance(59);
    expect(await inbox.claim('s', 'crashed', 60)).toBe('in-flight');
    clock.advance(1);
    expect(await inbox.claim('s', 'crashed', 60)).toBe('new');

    await inbox.claim('s', 'kept', 60);
    await inbox.complete('s', 'kept', 600);
    clock.advance(599);
    expect(await inbox.claim('s', 'kept', 60)).toBe('done');
    clock.advance(1);
    expect(await inbox.claim('s', 'kept', 60)).toBe('new');
  });

  it('sweep drops expired entries only', async () => {
    const clock = new FakeClock();
    const inbox = new MemoryEventInbox(clock);
    await inbox.claim('s', 'short', 10);
    await inbox.complete('s', 'long', 1000);
    clock.advance(10);
    expect(inbox.sweep()).toBe(1);
    expect(inbox.size).toBe(1);
    expect(await inbox.claim('s', 'long', 10)).toBe('done');
  });
});
