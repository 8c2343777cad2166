// `contracts audit verify` against real PGlite data folders written by @lssm/lib.postgres, and a
// `pg` URL nobody answers.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { defineCommand, execute, installOp, SpecRegistry } from '@lssm/lib.contracts';
import { createPostgresRuntime, pgliteDriver, tablesIn } from '@lssm/lib.postgres';
import { ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { contracts, SLOW, scratch } from './helpers.js';

const Note = new SchemaModel({
  name: 'Note',
  fields: { text: { type: ScalarTypeEnum.String(), isOptional: false } },
});
const AddNote = defineCommand({
  meta: { name: 'notes.add', version: 1, description: 'Add a note', owners: ['team'], stability: 'stable' },
  io: { input: Note, output: Note },
  policy: { auth: 'user' },
});

/** A PGlite folder holding an audit trail of `calls` records. */
async function trail(dataDir: string, calls: number): Promise<void> {
  const driver = await pgliteDriver({ dataDir });
  try {
    const pg = await createPostgresRuntime({ driver });
    const registry = new SpecRegistry({ ...pg, tracer: false });
    installOp(registry, AddNote, (input) => input);
    for (let i = 0; i < calls; i++) {
      const result = await execute(registry, {
        name: 'notes.add',
        input: { text: `note ${i}` },
        transport: 'internal',
        context: { actor: 'user', userId: 'alice' },
      });
      expect(result.ok).toBe(true);
    }
  } finally {
    await driver.close();
  }
}

/** Changes a record the way someone with the owner's rights could (the trigger switched off). */
async function tamper(dataDir: string, sql: (log: string) => string): Promise<void> {
  const driver = await pgliteDriver({ dataDir });
  try {
    const log = tablesIn('lssm').auditLog;
    await driver.transaction(async (tx) => {
      await tx.query(`ALTER TABLE ${log} DISABLE TRIGGER USER`);
      await tx.query(sql(log));
      await tx.query(`ALTER TABLE ${log} ENABLE TRIGGER USER`);
    });
  } finally {
    await driver.close();
  }
}

describe('contracts audit verify', () => {
  let intact: string;
  let altered: string;
  let app: string;
  beforeAll(async () => {
    intact = join(scratch(), 'pglite');
    altered = join(scratch(), 'pglite');
    app = scratch('contracts-app-');
    mkdirSync(join(app, '.data'));
    await Promise.all([trail(intact, 3), trail(altered, 3), trail(join(app, '.data', 'pglite'), 2)]);
    await tamper(altered, (log) => `UPDATE ${log} SET actor_id = 'mallory' WHERE seq = 2`);
  }, 120_000);

  it(
    'reports an intact chain and exits 0',
    async () => {
      const run = await contracts(['audit', 'verify', '--data-dir', intact]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^The audit chain is intact: 3 records, head #3 \([0-9a-f]{64}\)\.\n$/);
      expect(run.stderr).toContain(`opening PGlite at ${intact}`);
      expect(run.stderr).toContain('verifying the audit chain in schema "lssm"');
    },
    SLOW,
  );

  it(
    'prints the first broken sequence number and exits 1',
    async () => {
      const run = await contracts(['audit', 'verify', '-q', '--data-dir', altered]);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe(
        'The audit chain is broken at sequence number 2: record 2 was altered (1 records verified before it).\n',
      );
      const json = await contracts(['audit', 'verify', '-q', '--data-dir', altered, '--json']);
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout)).toEqual({
        ok: false,
        count: 1,
        brokenAt: 2,
        reason: 'record 2 was altered',
      });
    },
    SLOW,
  );

  it(
    'opens the embedded default (.data/pglite) when given no database',
    async () => {
      const run = await contracts(['audit', 'verify', '-q', '--json'], { cwd: app });
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, count: 2, headSeq: 2 });
      const elsewhere = await contracts(['audit', 'verify', '-q'], {
        cwd: app,
        env: { PGLITE_DATA_DIR: intact },
      });
      expect(elsewhere.stdout).toContain('3 records');
    },
    SLOW,
  );

  it.concurrent.each([
    ['a folder that does not exist', ['--data-dir', 'no/such/dir'], {}, 'no database at no/such/dir'],
    ['a database without the audit tables', ['--data-dir', 'EMPTY'], {}, 'no audit trail in schema "lssm"'],
    [
      'a server nobody answers (DATABASE_URL), with its password masked',
      [],
      { DATABASE_URL: 'postgres://app:s3cret@127.0.0.1:9/ledger' },
      'cannot read the audit trail of postgres://app:***@127.0.0.1:9/ledger',
    ],
  ])(
    'exits 3 for %s',
    async (_what, args, env, message) => {
      const dir = args[1] === 'EMPTY' ? join(scratch(), 'empty') : undefined;
      if (dir !== undefined) await (await pgliteDriver({ dataDir: dir })).close();
      const run = await contracts(
        ['audit', 'verify', '-q', ...args.map((a) => (a === 'EMPTY' ? (dir as string) : a))],
        {
          env,
          cwd: scratch(),
        },
      );
      expect(run.code).toBe(3);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(message);
      expect(run.stderr).not.toContain('s3cret');
    },
    SLOW,
  );
});
