// One stateless server process: REST over node:http on the shared PostgreSQL database (migrated
// by the parent). Prints `LISTENING <port>` when ready; closes on SIGTERM.
// Env: DATABASE_URL, PG_SCHEMA, PG_POOL (connections of this process).
import { createServer } from 'node:http';
import { createNodeHandler } from '@lssm/lib.contracts/server/rest-node';
import { createPostgresRuntime, pgDriver } from '@lssm/lib.postgres';
import { contextFrom, durableRegistry } from './app.js';

const env = process.env;
const driver = pgDriver({ connectionString: env.DATABASE_URL, pool: { max: Number(env.PG_POOL ?? 16) } });
const pg = await createPostgresRuntime({ driver, schema: env.PG_SCHEMA, migrate: false });
const handler = createNodeHandler(
  durableRegistry(pg, driver),
  (req) => contextFrom(req.headers.authorization),
  {
    docs: false,
  },
);
const server = createServer({ keepAliveTimeout: 30_000 }, handler);
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address !== null && typeof address === 'object') console.log(`LISTENING ${address.port}`);
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(async () => {
    await driver.close();
    process.exit(0);
  });
});
