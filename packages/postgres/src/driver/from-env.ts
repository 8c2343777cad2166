import { pgDriver } from './pg.js';
import { pgliteDriver } from './pglite.js';
import type { Driver } from './types.js';

/**
 * The driver an app's environment asks for: `pg` against `DATABASE_URL` when it is set, else
 * PGlite in `PGLITE_DATA_DIR` (or `fallbackDataDir`), else PGlite in memory.
 * @example const driver = await driverFromEnv(process.env, { fallbackDataDir: '.data/pglite' });
 */
export async function driverFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  options: { readonly fallbackDataDir?: string } = {},
): Promise<Driver> {
  const url = env.DATABASE_URL;
  if (url !== undefined && url !== '') return pgDriver({ connectionString: url });
  const dataDir = env.PGLITE_DATA_DIR || options.fallbackDataDir;
  return pgliteDriver(dataDir === undefined ? {} : { dataDir });
}
