import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresAuditSink } from '../audit/sink.js';
import { verifyAuditChain } from '../audit/verify.js';
import { migrate } from '../schema/migrate.js';
import { newPglite } from '../test-drivers.fixture.js';
import { pgliteDriver } from './pglite.js';

describe('pgliteDriver with a data directory', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lssm-pglite-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps the schema and the audit trail across a restart', async () => {
    // Created from the tests' cached image of a fresh cluster (initdb on disk takes many seconds).
    const created = await newPglite(dataDir);
    const first = await pgliteDriver({ existing: created });
    await migrate(first);
    await new PostgresAuditSink(first).append({
      requestId: 'before-restart',
      transport: 'internal',
      operation: { name: 'demo.op', version: 1 },
      actor: { type: 'user', userId: 'alice' },
      outcome: 'success',
      startedAt: new Date('2025-01-01T00:00:00.000Z'),
      finishedAt: new Date('2025-01-01T00:00:00.001Z'),
      durationMs: 1,
    });
    await created.close();

    const again = await pgliteDriver({ dataDir });
    try {
      expect((await migrate(again)).applied).toEqual([]);
      expect(await verifyAuditChain(again)).toMatchObject({ ok: true, count: 1 });
    } finally {
      await again.close();
    }
  }, 60_000);
});
