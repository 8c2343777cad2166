// PostgreSQL for the fault suite: whether it answers, a fresh database per test file, and a URL
// rewritten to reach it through a test's proxy port.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

/** PostgreSQL for the tests (a fresh database per file is made on it). */
export const PG_URL = process.env.LSSM_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function onPostgres<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: PG_URL, connectionTimeoutMillis: 1500 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Whether PostgreSQL answers at PG_URL; prints why a suite is skipped when it does not. */
export async function postgresUp(): Promise<boolean> {
  const up = await onPostgres(async (client) => client.query('SELECT 1')).then(
    () => true,
    () => false,
  );
  if (!up)
    console.warn(`[skipped] PostgreSQL is not answering at ${PG_URL}: start it with scripts/services.sh`);
  return up;
}

/** A fresh database on the PostgreSQL server; answers its URL and how to drop it. */
export async function freshDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  await onPostgres((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      onPostgres((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}

/** `url` rewritten to reach its server through `port` on 127.0.0.1 (unchanged when no port). */
export function throughPort(url: string, port: number | undefined): string {
  if (port === undefined) return url;
  const through = new URL(url);
  through.hostname = '127.0.0.1';
  through.port = String(port);
  return through.toString();
}
