// N server processes of the billing example (./app-server.ts) on one fresh PostgreSQL database, with
// one Stripe emulator in this process shared by all of them (never the real Stripe). Clusters of
// different test files take turns (a lock directory), so one file's load never skews another's
// latencies.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { type Driver, pgDriver } from '@lssm/lib.postgres';
import { type StripeEmulator, startStripeEmulator } from '@lssm/stripe-emulator';
import { signToken } from '../../../examples/billing/lib/auth/tokens.js';
import { PG_URL, pgUp, REDIS_URL, redisUp } from '../../postgres/helpers.js';

const APP_DIR = resolve(import.meta.dirname, '../../../examples/billing');
const SERVER_FILE = resolve(import.meta.dirname, 'app-server.ts');
const LOCK_DIR = join(tmpdir(), 'lssm-reliability-load.lock');

/** Whether PostgreSQL answers; prints why the suite is skipped when it does not. */
export async function postgresMissing(): Promise<boolean> {
  if (await pgUp()) return false;
  console.warn(`[skipped] PostgreSQL is not answering at ${PG_URL}: start it with scripts/services.sh`);
  return true;
}

/** A running cluster. */
export interface Cluster {
  /** Base URLs of the server processes (`http://127.0.0.1:<port>`). */
  readonly urls: readonly string[];
  readonly emulator: StripeEmulator;
  /** The cluster's database, as its owner (migrations, audit trail, app tables). */
  readonly db: Driver;
  /** `redis` when the processes share rate limits through Redis (REDIS_URL), `memory` when each counts its own. */
  readonly rateLimits: 'redis' | 'memory';
  /** Bearer token of a user (the seeded `alice`, `bob`, `ada`, or one from {@link Cluster.addMembers}). */
  tokenOf(userId: string): Promise<string>;
  /** Adds `count` members to the seeded `acme` tenant (ids `<prefix>-<n>`); answers their ids. */
  addMembers(prefix: string, count: number): Promise<string[]>;
  /**
   * Inserts `count` open 49.90 USD invoices straight into the database (setup, not under test),
   * owned in turn by `owners`; answers their ids in order.
   */
  addInvoices(owners: readonly string[], count: number): Promise<string[]>;
  /** Every line the processes printed so far, `<index>: <line>`. */
  output(): readonly string[];
  close(): Promise<void>;
}

function lockHolderAlive(): boolean {
  try {
    process.kill(Number(readFileSync(join(LOCK_DIR, 'pid'), 'utf8')), 0);
    return true;
  } catch {
    return false;
  }
}

async function takeLoadLock(): Promise<void> {
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      writeFileSync(join(LOCK_DIR, 'pid'), String(process.pid));
      return;
    } catch {
      // A lock whose holder is gone is stale (its pid file may not be written yet: give it time).
      await new Promise((r) => setTimeout(r, 500));
      if (!lockHolderAlive()) rmSync(LOCK_DIR, { recursive: true, force: true });
    }
  }
}

interface ServerProcess {
  readonly child: ChildProcess;
  readonly port: Promise<number>;
  readonly exited: Promise<void>;
}

function startServer(index: number, env: NodeJS.ProcessEnv, lines: string[]): ServerProcess {
  const child = spawn(process.execPath, ['--conditions=@lssm/source', '--import', 'tsx', SERVER_FILE], {
    cwd: APP_DIR,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const port = new Promise<number>((ok, fail) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      lines.push(`${index}: ${line}`);
      const match = /^LISTENING (\d+)$/.exec(line);
      if (match !== null) ok(Number(match[1]));
    });
    createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (line) =>
      lines.push(`${index}! ${line}`),
    );
    void exited.then(() => fail(new Error(`server ${index} exited before listening:\n${lines.join('\n')}`)));
  });
  return { child, port, exited };
}

async function stop(server: ServerProcess): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGTERM');
  const killed = setTimeout(() => server.child.kill('SIGKILL'), 5_000);
  await server.exited;
  clearTimeout(killed);
}

/**
 * One request per transport, so each process has built its lazy parts (GraphQL schema, MCP tool
 * catalog, the REST handler's first-call set-up) before it is measured, as a server in service has.
 */
async function warmUp(url: string): Promise<void> {
  const post = (path: string, body: unknown) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify(body),
    }).then((response) => response.arrayBuffer());
  await Promise.all([
    post('/api/ops/billing.listInvoices', {}),
    post('/api/graphql', { query: '{ __typename }' }),
    post('/api/mcp', { jsonrpc: '2.0', id: 1, method: 'tools/list' }),
  ]);
}

/** Options of {@link startCluster}. */
export interface ClusterOptions {
  readonly processes?: number;
  /** Share rate limits through Redis when it answers (default true); false: each process counts its own. */
  readonly sharedRateLimits?: boolean;
}

/** Starts `processes` servers of the example on a fresh database `reliability_<name>_<random>`. */
export async function startCluster(name: string, options: ClusterOptions = {}): Promise<Cluster> {
  const processes = options.processes ?? 3;
  await takeLoadLock();
  const database = `reliability_${name}_${randomBytes(4).toString('hex')}`;
  const admin = pgDriver({ connectionString: PG_URL, pool: { max: 1 } });
  const databaseUrl = new URL(PG_URL);
  databaseUrl.pathname = `/${database}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'reliability-load-'));
  const lines: string[] = [];
  let servers: ServerProcess[] = [];
  let emulator: StripeEmulator | undefined;
  let db: Driver | undefined;
  const close = async () => {
    await Promise.all(servers.map(stop));
    await emulator?.close();
    await db?.close();
    await admin.exec(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => undefined);
    await admin.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(LOCK_DIR, { recursive: true, force: true });
  };
  try {
    await admin.exec(`CREATE DATABASE "${database}"`);
    emulator = await startStripeEmulator();
    const secret = randomBytes(32).toString('base64url');
    const rateLimits = options.sharedRateLimits !== false && (await redisUp()) ? 'redis' : 'memory';
    if (rateLimits === 'memory' && options.sharedRateLimits !== false)
      console.warn(`[load] Redis is not answering at ${REDIS_URL}: each process counts its own rate limits`);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      BILLING_APP_DIR: APP_DIR,
      BILLING_DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl.href,
      SESSION_SECRET: secret,
      STRIPE_API_BASE: emulator.url,
      STRIPE_SECRET_KEY: emulator.secretKey,
      STRIPE_WEBHOOK_SECRET: emulator.webhookSecret,
      REDIS_URL: rateLimits === 'redis' ? REDIS_URL : '',
      RATE_LIMIT_PREFIX: `${database}:rl`,
    };
    const started = Date.now();
    servers = Array.from({ length: processes }, (_, i) => startServer(i, env, lines));
    const ports = await Promise.all(servers.map((s) => s.port));
    console.log(`[load] ${processes} server processes up in ${Date.now() - started} ms on ${database}`);
    await Promise.all(ports.map((port) => warmUp(`http://127.0.0.1:${port}`)));
    db = pgDriver({ connectionString: databaseUrl.href, pool: { max: 4 } });
    const key = new TextEncoder().encode(secret);
    const tokens = new Map<string, Promise<string>>();
    const owner = db;
    return {
      urls: ports.map((port) => `http://127.0.0.1:${port}`),
      emulator,
      db,
      rateLimits,
      tokenOf(userId) {
        let token = tokens.get(userId);
        if (token === undefined) {
          token = signToken(key, userId, 'api');
          tokens.set(userId, token);
        }
        return token;
      },
      async addMembers(prefix, count) {
        const ids = Array.from({ length: count }, (_, i) => `${prefix}-${i + 1}`);
        await owner.query(
          `INSERT INTO users (id, tenant_id, name, email, role)
           SELECT id, 'acme', id, id || '@acme.test', 'member' FROM unnest($1::text[]) AS id`,
          [ids],
        );
        return ids;
      },
      async addInvoices(owners, count) {
        const ids = Array.from({ length: count }, () => `inv_${randomBytes(12).toString('base64url')}`);
        await owner.query(
          `INSERT INTO invoices (id, tenant_id, owner_id, number, description, amount, currency)
           SELECT id, 'acme', ($2::text[])[1 + (n - 1) % cardinality($2::text[])], 'LOAD-' || id,
                  'Load test', 4990, 'USD'
             FROM unnest($1::text[]) WITH ORDINALITY AS t(id, n)`,
          [ids, owners],
        );
        return ids;
      },
      output: () => lines,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
