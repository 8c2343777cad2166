import type { OutboxEvent } from '@lssm/lib.contracts';

/**
 * Somewhere the relay delivers committed events: NATS JetStream, outbound webhooks, a test list.
 * `deliver` resolves once the event is safely handed over and rejects to have it retried. Delivery
 * is at-least-once: the same event (same `id`) may come again.
 */
export interface EventSink {
  readonly name: string;
  deliver(event: OutboxEvent): Promise<void>;
}

/** A sink from a function (e.g. an outbound webhook dispatcher). */
export function sinkOf(name: string, deliver: (event: OutboxEvent) => Promise<void> | void): EventSink {
  return {
    name,
    async deliver(event) {
      await deliver(event);
    },
  };
}
