// Per-install secrets: SESSION_SECRET from the environment, else generated once into the data
// directory (mode 0600), so sessions survive restarts and nothing secret is committed.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The secrets the app signs with. */
export interface Secrets {
  /** HS256 key for session cookies and API tokens (at least 32 bytes). */
  readonly sessionSecret: Uint8Array;
  /** Where they came from, for the start-up banner. */
  readonly source: 'environment' | 'data directory';
}

function fromFile(path: string): string | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { sessionSecret?: unknown };
    return typeof parsed.sessionSecret === 'string' ? parsed.sessionSecret : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Loads the secrets, creating `<dataDir>/secrets.json` on first use. Two processes starting at once
 * agree: the file is created exclusively, and the loser reads the winner's.
 */
export function loadSecrets(
  dataDir: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Secrets {
  const fromEnv = env.SESSION_SECRET;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (Buffer.byteLength(fromEnv) < 32) throw new Error('SESSION_SECRET must be at least 32 bytes');
    return { sessionSecret: new TextEncoder().encode(fromEnv), source: 'environment' };
  }
  const path = join(dataDir, 'secrets.json');
  let secret = fromFile(path);
  if (secret === undefined) {
    mkdirSync(dataDir, { recursive: true });
    const fresh = randomBytes(32).toString('base64url');
    try {
      writeFileSync(path, `${JSON.stringify({ sessionSecret: fresh })}\n`, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    secret = fromFile(path);
    if (secret === undefined) throw new Error(`${path} exists but holds no sessionSecret`);
  }
  return { sessionSecret: new TextEncoder().encode(secret), source: 'data directory' };
}
