// Runs the billing example as `npm start` does, for end-to-end tests: `next build` (only when the
// sources changed since the last build), the Stripe emulator in this process (so tests can look at
// its PaymentIntents, charges and webhook deliveries), and `next start` on a free port with a fresh
// PGlite data directory.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type StripeEmulator, startStripeEmulator } from '@lssm/stripe-emulator';
import { signToken } from '../../examples/billing/lib/auth/tokens.js';
import { APP_DIR, ensureBuild, NEXT_BIN } from '../../examples/billing/scripts/ensure-build.js';

/** The demo users the example seeds. */
export type DemoUser = 'alice' | 'bob' | 'ada' | 'carol';

/** A running example. */
export interface BillingServer {
  readonly url: string;
  readonly emulator: StripeEmulator;
  /** Bearer tokens of the demo users. */
  readonly tokens: Readonly<Record<DemoUser, string>>;
  /** What the server printed so far. */
  output(): string;
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${output()}`);
    try {
      if ((await fetch(url, { redirect: 'manual' })).status === 200) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up:\n${output()}`);
}

/** Builds if needed (printing how long it took) and starts the example with its own emulator and data. */
export async function startBillingServer(): Promise<BillingServer> {
  const buildMs = await ensureBuild({ quiet: true });
  if (buildMs !== undefined)
    console.log(`[billing e2e] next build --webpack took ${(buildMs / 1000).toFixed(1)} s`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const emulator = await startStripeEmulator({
    webhook: { url: `${url}/api/webhooks/stripe`, retryDelayMs: 100 },
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'billing-e2e-'));
  const secret = randomBytes(32).toString('base64url');
  const started = Date.now();
  const child = spawn(process.execPath, [NEXT_BIN, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: APP_DIR,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      PORT: String(port),
      PUBLIC_URL: url,
      BILLING_DATA_DIR: dataDir,
      SESSION_SECRET: secret,
      DATABASE_URL: '',
      STRIPE_API_BASE: emulator.url,
      STRIPE_SECRET_KEY: emulator.secretKey,
      STRIPE_WEBHOOK_SECRET: emulator.webhookSecret,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stdout?.on('data', (chunk: Buffer) => (printed += chunk));
  child.stderr?.on('data', (chunk: Buffer) => (printed += chunk));
  const output = () => printed;
  try {
    await waitUntilUp(`${url}/sign-in`, child, output);
  } catch (error) {
    child.kill('SIGKILL');
    await emulator.close();
    throw error;
  }
  console.log(`[billing e2e] next start answered after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const key = new TextEncoder().encode(secret);
  const users: DemoUser[] = ['alice', 'bob', 'ada', 'carol'];
  const tokens = Object.fromEntries(
    await Promise.all(users.map(async (user) => [user, await signToken(key, user, 'api')] as const)),
  ) as Record<DemoUser, string>;
  return {
    url,
    emulator,
    tokens,
    output,
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      await emulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** An answer of the REST API: `body` in the shape the caller names (an error has `error`). */
export interface Answer<T> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T & {
    readonly error?: { readonly code: string; readonly message: string; readonly data?: unknown };
  };
}

/** Calls an operation over REST: POST with a JSON body, or GET with `?input=`. */
export async function rest<T = Record<string, unknown>>(
  server: BillingServer,
  name: string,
  input: unknown,
  options: {
    readonly as?: DemoUser;
    readonly method?: 'GET' | 'POST';
    readonly idempotencyKey?: string;
  } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.as !== undefined) headers.authorization = `Bearer ${server.tokens[options.as]}`;
  if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;
  const method = options.method ?? 'POST';
  const url =
    method === 'GET'
      ? `${server.url}/api/ops/${name}?input=${encodeURIComponent(JSON.stringify(input))}`
      : `${server.url}/api/ops/${name}`;
  const response = await fetch(url, {
    method,
    headers,
    ...(method === 'POST' ? { body: JSON.stringify(input) } : {}),
  });
  // Our own API's JSON, in the shape the caller says it reads.
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Answer<T>['body'],
  };
}

/** Ada (acme's admin) bills a member; answers the new invoice's id. */
export async function createInvoice(
  server: BillingServer,
  ownerId: 'alice' | 'bob',
  amount: { amount: number; currency: string } = { amount: 4990, currency: 'USD' },
): Promise<string> {
  const answer = await rest<{ id: string }>(
    server,
    'billing.createInvoice',
    { ownerId, description: 'E2E test', amount },
    { as: 'ada' },
  );
  if (answer.status !== 200)
    throw new Error(`createInvoice answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body.id;
}

/** The emulator's PaymentIntents made for one invoice. */
export function intentsOf(server: BillingServer, invoiceId: string) {
  return server.emulator.paymentIntents().filter((intent) => intent.metadata.invoiceId === invoiceId);
}

/** The emulator's charges of one invoice's PaymentIntents. */
export function chargesOf(server: BillingServer, invoiceId: string) {
  const ids = new Set(intentsOf(server, invoiceId).map((intent) => intent.id));
  return server.emulator.charges().filter((charge) => ids.has(charge.payment_intent));
}

/** Polls `check` until it returns true (or fails after `timeoutMs`). */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 150));
  }
}
