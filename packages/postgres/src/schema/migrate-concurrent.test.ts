// Servers starting together on a fresh PostgreSQL database: one creates the schema while the others
// wait for the migration lock. Found by the reliability suite: of three billing servers started on a
// new database, one crashed at start-up with "duplicate key value violates unique constraint
// pg_namespace_nspname_index" from `CREATE SCHEMA IF NOT EXISTS` (before the fix, most rounds below
// failed that way).
import { afterAll, describe, expect, it } from 'vitest';
import { pgDriver } from '../driver/pg.js';
import { PG_URL, pgAvailable, randomSchema } from '../test-drivers.fixture.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations.js';

describe.skipIf(!pgAvailable)('migrations of servers starting together (PostgreSQL server)', () => {
  const servers = [0, 1, 2].map(() => pgDriver({ connectionString: PG_URL, pool: { max: 2 } }));
  const schemas: string[] = [];
  afterAll(async () => {
    for (const schema of schemas) await servers[0]?.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await Promise.all(servers.map((server) => server.close()));
  });

  it('create a fresh schema once and apply each step once, however the three interleave', async () => {
    for (let round = 0; round < 10; round++) {
      const schema = randomSchema('race');
      schemas.push(schema);
      const reports = await Promise.all(servers.map((server) => migrate(server, { schema })));
      expect(reports.flatMap((r) => r.applied).sort()).toEqual(MIGRATIONS.map((m) => m.version));
    }
  }, 60_000);
});
