import type { OutboxEvent } from '@lssm/lib.contracts';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { EventSink } from './sink.js';

/** The default subject of an event: `events.<name>.v<version>`, e.g. `events.billing.invoicePaid.v1`. */
export function eventSubject(event: Pick<OutboxEvent, 'name' | 'version'>, prefix = 'events'): string {
  return `${prefix}.${event.name}.v${event.version}`;
}

/** Options of {@link jetStreamSink}. */
export interface JetStreamSinkOptions {
  /** The first subject token (default `events`). */
  readonly prefix?: string;
  /** Picks the subject; defaults to {@link eventSubject}. */
  readonly subject?: (event: OutboxEvent) => string;
  /** How long to wait for the stream's acknowledgement (default 5 s). */
  readonly timeoutMs?: number;
}

/**
 * Publishes each event to JetStream as JSON with the event id as the message id (`Nats-Msg-Id`),
 * so the stream drops a re-published event inside its duplicate window. Resolves on the stream's
 * acknowledgement, duplicates included.
 * @example relay.onEvent(jetStreamSink(jetstream(await connect({ servers: '127.0.0.1:4222' }))));
 */
export function jetStreamSink(js: JetStreamClient, options: JetStreamSinkOptions = {}): EventSink {
  const subject = options.subject ?? ((event: OutboxEvent) => eventSubject(event, options.prefix));
  const timeout = options.timeoutMs ?? 5_000;
  return {
    name: 'jetstream',
    async deliver(event) {
      await js.publish(subject(event), JSON.stringify(event), { msgID: event.id, timeout });
    },
  };
}

/**
 * Creates the stream for the events' subjects unless it exists. The duplicate window (default
 * 2 min) is how long JetStream remembers message ids: keep the relay's lease well below it.
 * @example await ensureEventStream(await jetstreamManager(nc), { name: 'EVENTS', subjects: ['events.>'] });
 */
export async function ensureEventStream(
  jsm: JetStreamManager,
  options: {
    readonly name: string;
    readonly subjects: readonly string[];
    readonly duplicateWindowMs?: number;
  },
): Promise<void> {
  try {
    await jsm.streams.info(options.name);
  } catch {
    await jsm.streams.add({
      name: options.name,
      subjects: [...options.subjects],
      duplicate_window: (options.duplicateWindowMs ?? 120_000) * 1_000_000,
    });
  }
}
