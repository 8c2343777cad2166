import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryOutbox, MemoryUnitOfWork, type OutboxEvent } from '../../index.js';
import { WebhookDispatcher } from './dispatcher.js';
import type { DeadLetter, Timers } from './dispatcher-types.js';

const secret = `whsec_${randomBytes(24).toString('base64')}`;
const hits: string[] = [];
let status = 200;
const server = createServer((req, res) => {
  hits.push(String(req.headers['webhook-id']));
  req.resume();
  res.writeHead(status).end();
});
let url = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  url = `http://127.0.0.1:${address.port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const event = (id: string, name = 'billing.invoicePaid'): OutboxEvent => ({
  id,
  name,
  version: 1,
  payload: {},
  occurredAt: new Date().toISOString(),
  requestId: 'r',
});

/** Timers that never fire: they only count what was scheduled and cleared. */
function stuckTimers(): Timers & { scheduled: number; cleared: unknown[] } {
  const timers = {
    scheduled: 0,
    cleared: [] as unknown[],
    setTimeout: () => ++timers.scheduled,
    clearTimeout: (handle: unknown) => void timers.cleared.push(handle),
  };
  return timers;
}

describe('WebhookDispatcher', () => {
  it('attaches to a memory outbox: events are delivered after their transaction commits, never on rollback', async () => {
    hits.length = 0;
    status = 200;
    const outbox = new MemoryOutbox();
    const dispatcher = new WebhookDispatcher({ subscriptions: [{ id: 's', url, secret, events: ['*'] }] });
    const detach = dispatcher.attach(outbox);
    const uow = new MemoryUnitOfWork();
    await uow.run(async (tx) => outbox.enqueue([event('evt_committed')], tx));
    await uow
      .run(async (tx) => {
        await outbox.enqueue([event('evt_rolled_back')], tx);
        throw new Error('rollback');
      })
      .catch(() => undefined);
    await dispatcher.idle();
    expect(hits).toEqual(['evt_committed']);
    detach();
    await uow.run(async (tx) => outbox.enqueue([event('evt_after_detach')], tx));
    await dispatcher.idle();
    expect(hits).toEqual(['evt_committed']);
  });

  it('looks subscribers up per event when given a function', async () => {
    hits.length = 0;
    status = 200;
    const asked: string[] = [];
    const dispatcher = new WebhookDispatcher({
      subscriptions: async (e) => {
        asked.push(e.name);
        return e.name === 'billing.invoicePaid' ? [{ id: 's', url, secret, events: ['*'] }] : [];
      },
    });
    await dispatcher.dispatch(event('evt_a'));
    await dispatcher.dispatch(event('evt_b', 'crm.customerCreated'));
    expect(asked).toEqual(['billing.invoicePaid', 'crm.customerCreated']);
    expect(hits).toEqual(['evt_a']);
  });

  it('dead-letters at once, without a request, when the secret cannot sign', async () => {
    hits.length = 0;
    const letters: DeadLetter[] = [];
    const dispatcher = new WebhookDispatcher({
      subscriptions: [{ id: 's', url, secret: 'whsec_', events: ['*'] }],
      onDeadLetter: (l) => letters.push(l),
    });
    await dispatcher.dispatch(event('evt_unsignable'));
    expect(hits).toEqual([]);
    expect(letters).toEqual([expect.objectContaining({ reason: 'unsignable', attempts: 1 })]);
  });

  it('close() cancels waiting retries, dead-letters them as closed, and takes no new events', async () => {
    hits.length = 0;
    status = 500;
    const timers = stuckTimers();
    const dispatcher = new WebhookDispatcher({
      subscriptions: [{ id: 's', url, secret, events: ['*'] }],
      timers,
    });
    const pending = dispatcher.dispatch(event('evt_waiting'));
    while (timers.scheduled === 0) await new Promise((r) => setTimeout(r, 5));
    dispatcher.close();
    await pending;
    expect(timers.cleared).toEqual([1]);
    expect(dispatcher.deadLetters()).toEqual([
      expect.objectContaining({ reason: 'closed', attempts: 1, lastStatus: 500 }),
    ]);
    await dispatcher.dispatch(event('evt_late'));
    expect(hits).toEqual(['evt_waiting']);
  });

  it('keeps only the newest dead letters', async () => {
    const dispatcher = new WebhookDispatcher({
      subscriptions: [{ id: 's', url, secret: 'whsec_', events: ['*'] }],
      deadLetterCapacity: 2,
    });
    for (const id of ['a', 'b', 'c']) await dispatcher.dispatch(event(id));
    expect(dispatcher.deadLetters().map((l) => l.event.id)).toEqual(['b', 'c']);
  });

  it('rejects nonsensical options', () => {
    for (const bad of [
      { maxAttempts: 0 },
      { baseDelayMs: 1.5 },
      { timeoutMs: -1 },
      { deadLetterCapacity: 0 },
    ]) {
      expect(() => new WebhookDispatcher({ subscriptions: [], ...bad })).toThrow(RangeError);
    }
  });
});
