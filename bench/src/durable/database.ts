import pg from 'pg';

/** The server the benchmark may use; a fresh database is made on it and dropped afterwards. */
export const ADMIN_URL = process.env.LSSM_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 1500 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Whether PostgreSQL answers at {@link ADMIN_URL} (the reason when it does not). */
export async function pgReachable(): Promise<
  { readonly up: true } | { readonly up: false; readonly why: string }
> {
  try {
    await withAdmin((c) => c.query('SELECT 1'));
    return { up: true };
  } catch (error) {
    return { up: false, why: error instanceof Error ? error.message : String(error) };
  }
}

/** Creates a database with a random name; returns its URL and a function dropping it. */
export async function freshDatabase(): Promise<{ readonly url: string; readonly drop: () => Promise<void> }> {
  const name = `lssm_bench_${Math.random().toString(36).slice(2, 10)}`;
  await withAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withAdmin(async (c) => void (await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))),
  };
}
