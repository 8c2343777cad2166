// Outbound webhooks end to end: the dispatcher POSTs to a real receiving server that verifies every
// delivery with the Standard Webhooks reference library (`Webhook.verify`).
import type { IncomingHttpHeaders } from 'node:http';
import type { OutboxEvent } from '@lssm/lib.contracts';
import {
  type DeadLetter,
  type DeliveryAttempt,
  toNodeListener,
  WebhookDispatcher,
} from '@lssm/lib.contracts/server/webhooks';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeTime } from './fake-time.js';
import { listen, makeBilling, nowSeconds, type Running, standardScheme, stripeScheme } from './fixture.js';

const running: Running[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

interface Received {
  readonly id: string | undefined;
  readonly timestamp: number;
  readonly verified: boolean;
  readonly payload: unknown;
}

function flat(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (typeof value === 'string') out[name] = value;
  return out;
}

/** A subscriber that verifies each delivery, then answers the next scripted status (200 when none is left). */
async function subscriber(secret: string, statuses: number[] = []) {
  const received: Received[] = [];
  const verifier = new Webhook(secret);
  const server = await listen(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = flat(req.headers);
    let payload: unknown;
    let verified = true;
    try {
      payload = verifier.verify(Buffer.concat(chunks).toString('utf8'), headers);
    } catch {
      verified = false;
    }
    received.push({
      id: headers['webhook-id'],
      timestamp: Number(headers['webhook-timestamp']),
      verified,
      payload,
    });
    res.writeHead(verified ? (statuses.shift() ?? 200) : 401).end();
  });
  running.push(server);
  return { url: server.url, received };
}

const secret = standardScheme.newSecret();

function paymentEvent(id: string, tenantId?: string): OutboxEvent {
  return {
    id,
    name: 'billing.paymentCompleted',
    version: 1,
    payload: { paymentIntentId: 'pi_1', amount: 4990 },
    occurredAt: '2025-06-01T12:00:00.000Z',
    requestId: 'req-1',
    ...(tenantId === undefined ? {} : { tenantId }),
  };
}

describe('outbound webhooks (WebhookDispatcher)', () => {
  it('delivers to matching subscribers with Standard Webhooks headers the reference library verifies', async () => {
    const billing = await subscriber(secret);
    const other = await subscriber(secret);
    const tenantB = await subscriber(secret);
    const dispatcher = new WebhookDispatcher({
      subscriptions: [
        { id: 'billing', url: billing.url, secret, events: ['billing.paymentCompleted'] },
        { id: 'other', url: other.url, secret, events: ['crm.customerCreated'] },
        { id: 'tenant-b', url: tenantB.url, secret, events: ['*'], tenantId: 'b' },
      ],
    });
    await dispatcher.dispatch(paymentEvent('evt_out_1', 'a'));
    expect(billing.received).toEqual([
      {
        id: 'evt_out_1',
        timestamp: expect.any(Number),
        verified: true,
        payload: {
          type: 'billing.paymentCompleted',
          version: 1,
          timestamp: '2025-06-01T12:00:00.000Z',
          data: { paymentIntentId: 'pi_1', amount: 4990 },
        },
      },
    ]);
    expect(Math.abs((billing.received[0]?.timestamp ?? 0) - nowSeconds())).toBeLessThanOrEqual(2);
    expect(other.received).toEqual([]);
    expect(tenantB.received).toEqual([]);
  });

  it('retries after a 500 and stops at the first 2xx, with the same webhook-id each time', async () => {
    const target = await subscriber(secret, [500, 503]);
    const attempts: DeliveryAttempt[] = [];
    const dispatcher = new WebhookDispatcher({
      subscriptions: [{ id: 's1', url: target.url, secret, events: ['*'] }],
      baseDelayMs: 5,
      onAttempt: (a) => attempts.push(a),
    });
    await dispatcher.dispatch(paymentEvent('evt_retry'));
    expect(target.received.map((r) => [r.id, r.verified])).toEqual([
      ['evt_retry', true],
      ['evt_retry', true],
      ['evt_retry', true],
    ]);
    expect(attempts.map((a) => [a.attempt, a.ok, a.status])).toEqual([
      [1, false, 500],
      [2, false, 503],
      [3, true, 200],
    ]);
    expect(dispatcher.deadLetters()).toEqual([]);
  });

  it('gives up after maxAttempts, dead-letters the delivery and reports it once', async () => {
    const target = await subscriber(secret, Array<number>(10).fill(500));
    const reported: DeadLetter[] = [];
    const dispatcher = new WebhookDispatcher({
      subscriptions: [{ id: 's1', url: target.url, secret, events: ['*'] }],
      maxAttempts: 3,
      baseDelayMs: 5,
      onDeadLetter: (letter) => reported.push(letter),
    });
    await dispatcher.dispatch(paymentEvent('evt_dead'));
    expect(target.received).toHaveLength(3);
    expect(reported).toEqual([
      expect.objectContaining({
        subscriptionId: 's1',
        url: target.url,
        attempts: 3,
        reason: 'attempts-exhausted',
        lastStatus: 500,
        event: expect.objectContaining({ id: 'evt_dead' }),
      }),
    ]);
    expect(dispatcher.deadLetters()).toEqual(reported);
  });

  it('treats an unreachable subscriber as a failed attempt and reports the network error', async () => {
    const gone = await listen((_req, res) => res.end());
    await gone.close();
    const dispatcher = new WebhookDispatcher({
      subscriptions: [{ id: 'gone', url: gone.url, secret, events: ['*'] }],
      maxAttempts: 2,
      baseDelayMs: 5,
    });
    await dispatcher.dispatch(paymentEvent('evt_unreachable'));
    const [letter] = dispatcher.deadLetters();
    expect(letter).toMatchObject({
      attempts: 2,
      reason: 'attempts-exhausted',
      lastError: expect.any(String),
    });
    expect(letter?.lastStatus).toBeUndefined();
  });

  it('waits with capped exponential backoff and jitter, re-signing each attempt at its own time (fake clock)', async () => {
    const target = await subscriber(secret, Array<number>(10).fill(500));
    const start = Math.floor(Date.now() / 1000) * 1000;
    const time = new FakeTime(start);
    const dispatcher = new WebhookDispatcher({
      subscriptions: [{ id: 's1', url: target.url, secret, events: ['*'] }],
      maxAttempts: 4,
      baseDelayMs: 1000,
      maxDelayMs: 2000,
      clock: time,
      timers: time,
      random: () => 0.5,
    });
    const done = dispatcher.dispatch(paymentEvent('evt_timing'));
    // Equal jitter at 0.5: 3/4 of min(max, base * 2^(retry-1)) -> 750, 1500, then capped 1500.
    const expected = [750, 1500, 1500];
    let elapsed = 0;
    for (const [index, delay] of expected.entries()) {
      expect(await time.nextTimer()).toBe(delay);
      expect(target.received).toHaveLength(index + 1);
      time.advance(delay - 1);
      expect(time.pendingCount).toBe(1); // not a millisecond early
      time.advance(1);
      elapsed += delay;
    }
    await done;
    expect(time.scheduled).toEqual(expected);
    expect(target.received.map((r) => r.timestamp)).toEqual(
      [0, 750, 2250, 3750].map((ms) => Math.floor((start + ms) / 1000)),
    );
    expect(target.received.every((r) => r.verified && r.id === 'evt_timing')).toBe(true);
    expect(dispatcher.deadLetters()).toHaveLength(1);
    expect(elapsed).toBe(3750);
  });

  it('carries an event from an operation run by an inbound webhook to a subscriber, after commit', async () => {
    const billing = makeBilling();
    const target = await subscriber(secret);
    const dispatcher = new WebhookDispatcher({
      subscriptions: [{ id: 'erp', url: target.url, secret, events: ['billing.paymentCompleted'] }],
    });
    dispatcher.attach(billing.outbox);
    const stripeSecret = stripeScheme.newSecret();
    const inbound = await listen(toNodeListener(stripeScheme.handler(billing.registry, stripeSecret)));
    running.push(inbound);
    const body = stripeScheme.body('evt_chain', 'pi_chain', 1200);
    const response = await fetch(inbound.url, {
      method: 'POST',
      headers: stripeScheme.headers('evt_chain', body, stripeSecret, nowSeconds()),
      body,
    });
    expect(response.status).toBe(200);
    await dispatcher.idle();
    const [published] = billing.outbox.published();
    expect(target.received).toEqual([
      {
        id: published?.id,
        timestamp: expect.any(Number),
        verified: true,
        payload: expect.objectContaining({
          type: 'billing.paymentCompleted',
          data: { paymentIntentId: 'pi_chain', amount: 1200 },
        }),
      },
    ]);
  });
});
