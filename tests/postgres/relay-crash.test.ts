// The outbox relay publishing to NATS JetStream: event ids as message ids (duplicates dropped by the
// stream), and a relay killed mid-batch loses nothing.
import { execute } from '@lssm/lib.contracts';
import {
  createPostgresRuntime,
  ensureEventStream,
  eventSubject,
  jetStreamSink,
  PostgresOutbox,
  pgDriver,
} from '@lssm/lib.postgres';
import { type JetStreamManager, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appTablesSql, buildApp } from './fixtures/app.js';
import { NATS_URL, natsUp, PG_URL, pgUp, randomName, skipNote, startChild } from './helpers.js';

const up = (await pgUp()) && (await natsUp());

/** Every message in the stream, read one by one by sequence number. */
async function streamIds(jsm: JetStreamManager, stream: string): Promise<string[]> {
  const { state } = await jsm.streams.info(stream);
  const ids: string[] = [];
  for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
    const message = await jsm.streams.getMessage(stream, { seq });
    if (message !== null) ids.push((message.json() as { id: string }).id);
  }
  return ids;
}

describe.skipIf(skipNote(up, 'PostgreSQL or NATS (JetStream)', `${PG_URL} / ${NATS_URL}`))(
  'outbox relay to NATS JetStream',
  () => {
    const schema = randomName('relay');
    const prefix = randomName('ev');
    const stream = prefix.toUpperCase();
    const admin = pgDriver({ connectionString: PG_URL, pool: { max: 4 } });
    let nc: NatsConnection;
    let jsm: JetStreamManager;

    beforeAll(async () => {
      await admin.exec(appTablesSql(schema));
      nc = await connect({ servers: NATS_URL });
      jsm = await jetstreamManager(nc);
      await ensureEventStream(jsm, { name: stream, subjects: [`${prefix}.>`] });
    }, 30_000);
    afterAll(async () => {
      await jsm.streams.delete(stream).catch(() => undefined);
      await nc.close();
      await admin.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.close();
    });

    it('publish a committed event once, with its id as the message id; a re-publish is a duplicate', async () => {
      const pg = await createPostgresRuntime({ driver: admin, schema });
      const registry = buildApp(pg);
      const relay = pg.createRelay({ sinks: [jetStreamSink(jetstream(nc), { prefix })] });
      const done = await execute(registry, {
        name: 'counter.increment',
        input: { counter: 'n1', amount: 2 },
        transport: 'internal',
        context: { actor: 'user', userId: 'alice', tenantId: 'acme' },
      });
      expect(done.ok).toBe(true);
      expect(await relay.drain()).toBe(1);
      await admin.query(`UPDATE "${schema}".outbox SET published_at = NULL`);
      expect(await relay.drain()).toBe(1);
      const { state } = await jsm.streams.info(stream);
      expect(state.messages).toBe(1);
      const stored = await jsm.streams.getMessage(stream, { seq: state.last_seq });
      const event = stored?.json() as { id: string; name: string; payload: unknown; requestId: string };
      expect(stored?.subject).toBe(eventSubject({ name: 'counter.incremented', version: 1 }, prefix));
      expect(stored?.header.get('Nats-Msg-Id')).toBe(event.id);
      expect(event).toMatchObject({
        name: 'counter.incremented',
        payload: { counter: 'n1', value: 2 },
        requestId: done.requestId,
        tenantId: 'acme',
      });
      await jsm.streams.purge(stream);
      await admin.query(`DELETE FROM "${schema}".outbox`);
    }, 30_000);

    it('lose no event when the relay process is killed mid-batch', async () => {
      const total = 300;
      const outbox = new PostgresOutbox({ schema });
      const ids: string[] = [];
      for (let batch = 0; batch < 6; batch++) {
        const events = Array.from({ length: total / 6 }, (_, i) => ({
          id: crypto.randomUUID(),
          name: 'counter.incremented',
          version: 1,
          payload: { counter: 'bulk', value: batch * 50 + i },
          occurredAt: new Date().toISOString(),
          requestId: `bulk-${batch}-${i}`,
        }));
        ids.push(...events.map((e) => e.id));
        await admin.transaction((tx) => outbox.enqueue(events, tx));
      }
      const env = { DATABASE_URL: PG_URL, PG_SCHEMA: schema, NATS_URL, SUBJECT_PREFIX: prefix };
      const started = Date.now();
      const doomed = startChild('fixtures/relay.ts', {
        ...env,
        BATCH: '100',
        LEASE_SECONDS: '2',
        STAGGER_MS: '10',
      });
      await doomed.waitFor(/^DELIVERED /);
      while (doomed.lines.length < 20) await new Promise((r) => setTimeout(r, 5));
      doomed.process.kill('SIGKILL');
      await doomed.exited;
      const killedAfter = doomed.lines.length;
      const publishedAtKill = (
        await admin.query<{ n: number }>(
          `SELECT count(*)::integer AS n FROM "${schema}".outbox WHERE published_at IS NOT NULL`,
        )
      ).rows[0]?.n;
      expect(publishedAtKill).toBe(0);
      expect((await jsm.streams.info(stream)).state.messages).toBeGreaterThanOrEqual(killedAfter);

      const successor = startChild('fixtures/relay.ts', {
        ...env,
        BATCH: '100',
        LEASE_SECONDS: '30',
        EXIT_WHEN_IDLE: '1',
      });
      await successor.waitFor(/^IDLE$/, 60_000);
      await successor.exited;
      console.log(
        `[relay] killed after ${killedAfter} of a 100-event batch; successor published ${successor.lines.length - 1}; total ${Date.now() - started} ms`,
      );
      const published = await streamIds(jsm, stream);
      expect(published).toHaveLength(total);
      expect(new Set(published)).toEqual(new Set(ids));
      expect(killedAfter + successor.lines.length - 1).toBeGreaterThan(total);
      const left = await admin.query<{ n: number }>(
        `SELECT count(*)::integer AS n FROM "${schema}".outbox WHERE published_at IS NULL`,
      );
      expect(left.rows[0]?.n).toBe(0);
    }, 90_000);
  },
);
