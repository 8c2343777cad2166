// Shared by the service and multi-process tests: quick probes of PostgreSQL, NATS and Redis (a test
// needing one that is down skips with a note), a schema per test file, and child processes.
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { connect } from '@nats-io/transport-node';
import { Redis } from 'ioredis';
import { Client } from 'pg';

export const PG_URL = process.env.LSSM_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const NATS_URL = process.env.LSSM_TEST_NATS_URL ?? '127.0.0.1:4222';
export const REDIS_URL = process.env.LSSM_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function answers(probe: () => Promise<unknown>): Promise<boolean> {
  try {
    await probe();
    return true;
  } catch {
    return false;
  }
}

/** Whether PostgreSQL answers a query within a second and a half. */
export function pgUp(): Promise<boolean> {
  return answers(async () => {
    const client = new Client({ connectionString: PG_URL, connectionTimeoutMillis: 1500 });
    try {
      await client.connect();
      await client.query('SELECT 1');
    } finally {
      await client.end().catch(() => undefined);
    }
  });
}

/** Whether NATS answers with JetStream on. */
export function natsUp(): Promise<boolean> {
  return answers(async () => {
    const nc = await connect({ servers: NATS_URL, timeout: 1500, reconnect: false });
    try {
      if (nc.info?.jetstream !== true) throw new Error('JetStream is off');
    } finally {
      await nc.close();
    }
  });
}

/** Whether Redis answers PING. */
export function redisUp(): Promise<boolean> {
  return answers(async () => {
    const redis = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 1500, maxRetriesPerRequest: 0 });
    try {
      await redis.connect();
      await redis.ping();
    } finally {
      redis.disconnect();
    }
  });
}

/** Prints why a suite is skipped. */
export function skipNote(up: boolean, service: string, where: string): boolean {
  if (!up)
    console.warn(`[skipped] ${service} is not answering at ${where}: start it with scripts/services.sh`);
  return !up;
}

/** A random lower-case name for a schema, stream or key prefix. */
export function randomName(prefix: string): string {
  return `${prefix}_${Math.random().toString(36).slice(2, 10)}`;
}

/** A `node` child running a TypeScript file from source, as the repo's scripts do. */
export interface Child {
  readonly process: ChildProcess;
  /** Resolves with the first stdout line matching `pattern` (its match). */
  readonly waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<RegExpMatchArray>;
  /** Every stdout line so far. */
  readonly lines: string[];
  /** Resolves when the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `node --conditions=@lssm/source --import tsx <file>` with extra environment variables. */
export function startChild(file: string, env: Record<string, string>): Child {
  const child = spawn(
    process.execPath,
    ['--conditions=@lssm/source', '--import', 'tsx', resolve(import.meta.dirname, file)],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const lines: string[] = [];
  const waiters = new Set<(line: string) => void>();
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    for (const waiter of waiters) waiter(line);
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  const waitFor = (pattern: RegExp, timeoutMs = 45_000) =>
    new Promise<RegExpMatchArray>((ok, fail) => {
      const seen = lines.map((l) => l.match(pattern)).find((m) => m !== null);
      if (seen) return ok(seen);
      const timer = setTimeout(() => {
        waiters.delete(check);
        fail(new Error(`${file}: no line matching ${pattern} after ${timeoutMs} ms; stderr: ${stderr}`));
      }, timeoutMs);
      const check = (line: string) => {
        const match = line.match(pattern);
        if (match === null) return;
        clearTimeout(timer);
        waiters.delete(check);
        ok(match);
      };
      waiters.add(check);
      void exited.then(({ code, signal }) => {
        if (!waiters.has(check)) return;
        clearTimeout(timer);
        waiters.delete(check);
        fail(new Error(`${file} exited (${code ?? signal}) before ${pattern}; stderr: ${stderr}`));
      });
    });
  return { process: child, waitFor, lines, exited };
}

/** Runs `work` with at most `limit` calls in flight. */
export async function pool<T>(count: number, limit: number, work: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, count) }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await work(i);
      }
    }),
  );
  return results;
}
