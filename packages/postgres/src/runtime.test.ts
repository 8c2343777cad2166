import type { PGlite } from '@electric-sql/pglite';
import { defineCommand, defineEvent, execute, installOp, SpecRegistry } from '@lssm/lib.contracts';
import { ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { type PgDatabase, type PgQueryResultHKT, pgSchema, text } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditLog } from './audit/verify.js';
import type { SqlTransaction } from './driver/types.js';
import { createPostgresRuntime, type PostgresRuntime } from './runtime.js';
import { tablesIn } from './schema/names.js';
import { DRIVERS, SETUP_TIMEOUT, type TestDatabase } from './test-drivers.fixture.js';

const WidgetInput = new SchemaModel({
  name: 'WidgetInput',
  fields: {
    id: { type: ScalarTypeEnum.NonEmptyString({ maxLength: 40 }), isOptional: false },
    name: { type: ScalarTypeEnum.NonEmptyString({ maxLength: 40 }), isOptional: false },
  },
});
const Widget = new SchemaModel({
  name: 'Widget',
  fields: {
    id: { type: ScalarTypeEnum.String(), isOptional: false },
    visibleInTx: { type: ScalarTypeEnum.Int(), isOptional: false },
  },
});
const WidgetCreated = defineEvent({
  meta: { name: 'widgets.widgetCreated', version: 1, description: 'A widget was made', owners: ['t'] },
  payload: new SchemaModel({
    name: 'WidgetCreated',
    fields: { id: { type: ScalarTypeEnum.String(), isOptional: false } },
  }),
});
const meta = (name: string) => ({
  name,
  version: 1,
  description: name,
  owners: ['t'],
  stability: 'stable' as const,
});
const CreateWidget = defineCommand({
  meta: meta('widgets.create'),
  io: {
    input: WidgetInput,
    output: Widget,
    errors: { DUPLICATE: { status: 409, description: 'That widget exists' } },
  },
  policy: { auth: 'user' },
  events: [WidgetCreated],
});
const SlowWidget = defineCommand({
  meta: meta('widgets.slow'),
  io: { input: WidgetInput, output: Widget },
  policy: { auth: 'user' },
});
const CreateWidgetWithDrizzle = defineCommand({
  meta: meta('widgets.createWithDrizzle'),
  io: { input: WidgetInput, output: Widget },
  policy: { auth: 'user' },
  events: [WidgetCreated],
});

/** The app's ORM, joining the pipeline's transaction on either driver. */
function orm(tx: SqlTransaction): PgDatabase<PgQueryResultHKT> {
  return tx.kind === 'pg'
    ? drizzlePg({ client: tx.native })
    : // drizzle's PGlite driver types its client as PGlite; a PGlite transaction has the same query API.
      drizzlePglite({ client: tx.native as unknown as PGlite });
}

describe.each(DRIVERS)('the pipeline on PostgreSQL ports ($name)', (driverCase) => {
  let db: TestDatabase;
  let pg: PostgresRuntime;
  let registry: SpecRegistry;
  let leakedTx: SqlTransaction | undefined;
  const alice = { actor: 'user' as const, userId: 'alice', tenantId: 'acme' };
  const call = (name: string, input: unknown, idempotencyKey?: string, context: object = alice) =>
    execute(registry, {
      name,
      input,
      transport: 'internal',
      context: { ...alice, ...context },
      idempotencyKey,
    });
  const count = async (sql: string) =>
    (await db.driver.query<{ n: number }>(`SELECT count(*)::integer AS n FROM ${sql}`)).rows[0]?.n;

  beforeAll(async () => {
    db = await driverCase.open({ migrate: false });
    pg = await createPostgresRuntime({ driver: db.driver, schema: db.schema });
    const widgets = `"${db.schema}".widgets`;
    await db.driver.exec(`CREATE TABLE ${widgets} (id text PRIMARY KEY, name text NOT NULL)`);
    const table = pgSchema(db.schema).table('widgets', {
      id: text('id').primaryKey(),
      name: text('name').notNull(),
    });
    registry = new SpecRegistry({ ...pg, tracer: false, handlerTimeoutMs: 800 });
    installOp(registry, CreateWidget, async (input, ctx) => {
      const tx = ctx.tx as SqlTransaction;
      leakedTx = tx;
      const taken = await tx.query(`SELECT 1 FROM ${widgets} WHERE id = $1`, [input.id]);
      if (taken.rowCount > 0) throw ctx.fail('DUPLICATE');
      await tx.query(`INSERT INTO ${widgets} (id, name) VALUES ($1, $2)`, [input.id, input.name]);
      ctx.emit('widgets.widgetCreated', { id: input.id });
      if (input.name === 'boom') throw new Error('the handler failed after writing');
      return { id: input.id, visibleInTx: 1 };
    });
    installOp(registry, SlowWidget, async (input, ctx) => {
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      const tx = ctx.tx as SqlTransaction;
      await tx.query(`INSERT INTO ${widgets} (id, name) VALUES ($1, $2)`, [input.id, input.name]);
      return { id: input.id, visibleInTx: 1 };
    });
    installOp(registry, CreateWidgetWithDrizzle, async (input, ctx) => {
      const tx = ctx.tx as SqlTransaction;
      await orm(tx).insert(table).values({ id: input.id, name: input.name });
      const seen = await tx.query(`SELECT 1 FROM ${widgets} WHERE id = $1`, [input.id]);
      ctx.emit('widgets.widgetCreated', { id: input.id });
      if (input.name === 'boom') throw new Error('failed after the ORM wrote');
      return { id: input.id, visibleInTx: seen.rowCount };
    });
  }, SETUP_TIMEOUT);
  afterAll(() => db.close());

  it('commit the handler’s row, one audit record and one event together, and replay without a second run', async () => {
    const first = await call('widgets.create', { id: 'w1', name: 'one' }, 'key-w1');
    const replay = await call('widgets.create', { id: 'w1', name: 'one' }, 'key-w1');
    expect(first).toMatchObject({ ok: true, output: { id: 'w1', visibleInTx: 1 }, replayed: false });
    expect(replay).toMatchObject({ ok: true, output: { id: 'w1', visibleInTx: 1 }, replayed: true });
    expect(await count(`"${db.schema}".widgets`)).toBe(1);
    const t = tablesIn(db.schema);
    const events = await db.driver.query<{ name: string; request_id: string; tenant_id: string }>(
      `SELECT name, request_id, tenant_id FROM ${t.outbox}`,
    );
    expect(events.rows).toEqual([
      { name: 'widgets.widgetCreated', request_id: first.requestId, tenant_id: 'acme' },
    ]);
    const trail = await readAuditLog(db.driver, { schema: db.schema });
    expect(trail.map((r) => [r.requestId, r.outcome, r.replayed ?? false, r.events])).toEqual([
      [first.requestId, 'success', false, ['widgets.widgetCreated']],
      [replay.requestId, 'success', true, undefined],
    ]);
    expect(trail[0]).toMatchObject({
      actor: { type: 'user', userId: 'alice', tenantId: 'acme' },
      operation: { name: 'widgets.create', version: 1, kind: 'command' },
      idempotencyKey: 'key-w1',
      input: { id: 'w1', name: 'one' },
    });
  });

  it('leave nothing behind when the handler throws after writing: no row, no success, no event', async () => {
    const before = { events: await count(tablesIn(db.schema).outbox), audit: (await pg.verifyAudit()).count };
    const failed = await call('widgets.create', { id: 'w2', name: 'boom' }, 'key-w2');
    expect(failed).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(await count(`"${db.schema}".widgets WHERE id = 'w2'`)).toBe(0);
    expect(await count(tablesIn(db.schema).outbox)).toBe(before.events);
    const trail = await readAuditLog(db.driver, { schema: db.schema, afterSeq: before.audit });
    expect(trail.map((r) => [r.requestId, r.outcome, r.errorCode])).toEqual([
      [failed.requestId, 'error', 'INTERNAL'],
    ]);
    // The key was released, not kept: the same request runs the handler again.
    const retried = await call('widgets.create', { id: 'w2', name: 'boom' }, 'key-w2');
    expect(retried).toMatchObject({ ok: false, replayed: false });
  });

  it('keep a declared domain error as the key’s answer', async () => {
    const duplicate = await call('widgets.create', { id: 'w1', name: 'one' }, 'key-dup');
    const again = await call('widgets.create', { id: 'w1', name: 'one' }, 'key-dup');
    expect(duplicate).toMatchObject({
      ok: false,
      error: { code: 'DUPLICATE', status: 409 },
      replayed: false,
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'DUPLICATE' }, replayed: true });
  });

  it('let an ORM (Drizzle) join the same transaction: its writes commit or roll back with the call', async () => {
    const ok = await call('widgets.createWithDrizzle', { id: 'd1', name: 'orm' });
    expect(ok).toMatchObject({ ok: true, output: { id: 'd1', visibleInTx: 1 } });
    const failed = await call('widgets.createWithDrizzle', { id: 'd2', name: 'boom' });
    expect(failed.ok).toBe(false);
    expect(await count(`"${db.schema}".widgets WHERE id LIKE 'd%'`)).toBe(1);
  });

  it('roll back a timed-out handler, and refuse the writes it tries afterwards', async () => {
    const slow = await call('widgets.slow', { id: 's1', name: 'late' });
    expect(slow).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await count(`"${db.schema}".widgets WHERE id = 's1'`)).toBe(0);
    expect(await call('widgets.create', { id: 's2', name: 'after' })).toMatchObject({ ok: true });
  });

  it('audit denials outside any transaction, refuse a transaction used after its call, and verify the chain', async () => {
    const denied = await call('widgets.create', { id: 'w9', name: 'x' }, undefined, {
      actor: 'anonymous',
      userId: undefined,
    });
    expect(denied).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const last = (await readAuditLog(db.driver, { schema: db.schema, limit: 10_000 })).at(-1);
    expect(last).toMatchObject({
      requestId: denied.requestId,
      outcome: 'denied',
      decision: { allowed: false },
    });
    await expect(leakedTx?.query('SELECT 1')).rejects.toThrow(/transaction has ended/);
    const verified = await pg.verifyAudit();
    expect(verified.ok).toBe(true);
  });
});
