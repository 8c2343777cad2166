import type { OutboxEvent } from '@lssm/lib.contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tablesIn } from '../schema/names.js';
import { DRIVERS, SETUP_TIMEOUT, type TestDatabase } from '../test-drivers.fixture.js';
import { claimInboxEvent } from './inbox.js';
import { PostgresOutbox } from './outbox.js';
import { OutboxRelay } from './relay.js';
import { type EventSink, sinkOf } from './sink.js';

let n = 0;
function event(extra: Partial<OutboxEvent> = {}): OutboxEvent {
  n++;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    name: 'billing.paymentCaptured',
    version: 1,
    payload: { invoiceId: `inv_${n}`, amount: 4990, note: 'zero\u0000byte' },
    occurredAt: '2025-01-01T00:00:00.123Z',
    requestId: `req-${n}`,
    ...extra,
  };
}

function collector(): EventSink & { readonly seen: OutboxEvent[] } {
  const seen: OutboxEvent[] = [];
  return { seen, ...sinkOf('list', (e) => void seen.push(e)) };
}

describe.each(DRIVERS)('outbox and relay on $name', (driverCase) => {
  let db: TestDatabase;
  let outbox: PostgresOutbox;
  const relay = (options: ConstructorParameters<typeof OutboxRelay>[1] = {}) =>
    new OutboxRelay(db.driver, { schema: db.schema, ...options });
  beforeAll(async () => {
    db = await driverCase.open();
    outbox = new PostgresOutbox({ schema: db.schema });
  }, SETUP_TIMEOUT);
  afterAll(() => db.close());

  it('keep events only when their transaction commits, and deliver them as they were enqueued', async () => {
    const kept = [event({ tenantId: 'acme' }), event()];
    await expect(
      db.driver.transaction(async (tx) => {
        await outbox.enqueue([event()], tx);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await db.driver.transaction((tx) => outbox.enqueue(kept, tx));
    const sink = collector();
    expect(await relay({ sinks: [sink] }).drain()).toBe(2);
    expect(sink.seen).toEqual(kept);
    expect(await relay({ sinks: [sink] }).pending()).toBe(0);
  });

  it('retry a failed delivery later, to every sink, and record the error', async () => {
    const e = event();
    await db.driver.transaction((tx) => outbox.enqueue([e], tx));
    const good = collector();
    let fail = true;
    const flaky = sinkOf('flaky', () => {
      if (fail) throw new Error('webhook endpoint down');
    });
    const r = relay({ sinks: [good, flaky], retryDelaySeconds: 0.4 });
    expect(await r.runOnce()).toEqual({ claimed: 1, published: 0, failed: 1 });
    const t = tablesIn(db.schema);
    const row = await db.driver.query<{ attempts: number; last_error: string }>(
      `SELECT attempts, last_error FROM ${t.outbox} WHERE id = $1`,
      [e.id],
    );
    expect(row.rows[0]).toEqual({ attempts: 1, last_error: 'Error: webhook endpoint down' });
    expect(await r.runOnce()).toEqual({ claimed: 0, published: 0, failed: 0 });
    fail = false;
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(await r.runOnce()).toEqual({ claimed: 1, published: 1, failed: 0 });
    expect(good.seen.map((x) => x.id)).toEqual([e.id, e.id]);
  });

  it('share the work between relays without delivering an event twice, and take over a dead relay’s lease', async () => {
    const events = Array.from({ length: 30 }, () => event());
    await db.driver.transaction((tx) => outbox.enqueue(events, tx));
    // A relay that claims a batch and never finishes (its process hangs or dies mid-batch).
    const stuck = relay({
      sinks: [sinkOf('hangs', () => new Promise<void>(() => undefined))],
      batchSize: 5,
      leaseSeconds: 1.5,
    });
    void stuck.runOnce();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const sinks = [collector(), collector()];
    const drivers = [db.driver, await db.another()];
    const relays = sinks.map(
      (sink, i) =>
        new OutboxRelay(drivers[i] ?? db.driver, { schema: db.schema, sinks: [sink], batchSize: 4 }),
    );
    await Promise.all(relays.map((r) => r.drain()));
    const first = sinks.flatMap((s) => s.seen.map((e) => e.id));
    expect(new Set(first).size).toBe(first.length);
    expect(first).toHaveLength(25);
    await new Promise((resolve) => setTimeout(resolve, 1_550));
    await Promise.all(relays.map((r) => r.drain()));
    const all = sinks.flatMap((s) => s.seen.map((e) => e.id));
    expect(new Set(all)).toEqual(new Set(events.map((e) => e.id)));
    expect(all).toHaveLength(30);
  });

  it('run in the background, woken by commits, and stop cleanly', async () => {
    const sink = collector();
    const r = relay({ sinks: [sink], pollIntervalMs: 60_000 });
    const unsubscribe = outbox.onCommit(() => r.wake());
    r.start();
    const e = event();
    await db.driver.transaction((tx) => outbox.enqueue([e], tx));
    outbox.afterCommit();
    const deadline = Date.now() + 5_000;
    while (sink.seen.length === 0 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 10));
    await r.stop();
    unsubscribe();
    expect(sink.seen.map((x) => x.id)).toEqual([e.id]);
  });

  it('prune published events, and let consumers drop redeliveries through the inbox', async () => {
    const r = relay({ sinks: [collector()] });
    await r.drain();
    expect(await r.prunePublished(0)).toBeGreaterThan(0);
    expect(await r.pending()).toBe(0);
    const first = await db.driver.transaction((tx) =>
      claimInboxEvent(tx, 'mailer', 'evt-1', { schema: db.schema }),
    );
    const again = await db.driver.transaction((tx) =>
      claimInboxEvent(tx, 'mailer', 'evt-1', { schema: db.schema }),
    );
    const other = await claimInboxEvent(db.driver, 'ledger', 'evt-1', { schema: db.schema });
    expect([first, again, other]).toEqual([true, false, true]);
  });
});
