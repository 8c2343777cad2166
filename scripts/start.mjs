#!/usr/bin/env node
// `npm start`: the billing example on http://localhost:3000. Starts the Stripe emulator (unless
// STRIPE_SECRET_KEY is set), builds the Next.js app when its sources changed since the last build,
// starts it, and prints where everything is, with the demo users' bearer tokens.
// Run as `node --conditions=@lssm/source --import tsx scripts/start.mjs` (the root "start" script).
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const port = Number(process.env.PORT ?? 3000);
const rebuild = process.argv.includes('--rebuild');

const { readConfig } = await import('../examples/billing/lib/config.ts');
const { loadSecrets } = await import('../examples/billing/lib/secrets.ts');
const { signToken } = await import('../examples/billing/lib/auth/tokens.ts');
const { DEMO_USERS } = await import('../examples/billing/lib/db/demo-data.ts');
const {
  APP_DIR: appDir,
  NEXT_BIN: nextBin,
  buildIsStale,
  ensureBuild,
} = await import('../examples/billing/scripts/ensure-build.ts');

async function waitUntilUp(url, child, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      const response = await fetch(url, { redirect: 'manual' });
      if (response.status === 200) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED ?? '1' };
const base = `http://localhost:${port}`;
env.PUBLIC_URL ??= base;

let emulator;
if (env.STRIPE_SECRET_KEY === undefined || env.STRIPE_SECRET_KEY === '') {
  const { startStripeEmulator } = await import('@lssm/stripe-emulator');
  const webhook = { url: `http://127.0.0.1:${port}/api/webhooks/stripe` };
  const emulatorPort = Number(process.env.STRIPE_EMULATOR_PORT ?? 12111);
  emulator = await startStripeEmulator({ port: emulatorPort, webhook }).catch(() =>
    startStripeEmulator({ webhook }),
  );
  Object.assign(env, {
    STRIPE_API_BASE: emulator.url,
    STRIPE_SECRET_KEY: emulator.secretKey,
    STRIPE_WEBHOOK_SECRET: emulator.webhookSecret,
  });
}

if (rebuild || buildIsStale())
  console.log(
    'Building examples/billing with next build --webpack (1-2 minutes; again only after changes)...',
  );
const buildMs = await ensureBuild({ force: rebuild, env });
if (buildMs !== undefined) console.log(`Built in ${(buildMs / 1000).toFixed(1)} s.`);

const server = spawn(process.execPath, [nextBin, 'start', '-p', String(port)], {
  cwd: appDir,
  env,
  stdio: 'inherit',
});
let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  server.kill('SIGTERM');
  await emulator?.close();
  process.exit(code);
}
process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));
server.on('exit', (code) => void stop(code ?? 0));

try {
  await waitUntilUp(`http://127.0.0.1:${port}/sign-in`, server);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await stop(1);
}

const config = readConfig({ ...env, BILLING_APP_DIR: appDir });
const secrets = loadSecrets(config.dataDir, env);
const tokens = await Promise.all(
  DEMO_USERS.map(async (u) => ({ ...u, token: await signToken(secrets.sessionSecret, u.id, 'api') })),
);
const tokenFile = join(config.dataDir, 'tokens.env');
writeFileSync(tokenFile, tokens.map((u) => `export ${u.id.toUpperCase()}_TOKEN=${u.token}\n`).join(''), {
  mode: 0o600,
});

const database =
  config.databaseUrl === undefined
    ? `PGlite in ${relative(root, join(config.dataDir, 'pglite'))}`
    : 'PostgreSQL (DATABASE_URL)';
const stripe =
  emulator === undefined
    ? `api.stripe.com (STRIPE_SECRET_KEY)${config.stripe.webhookSecret ? '' : '; set STRIPE_WEBHOOK_SECRET for webhooks'}`
    : `emulator at ${emulator.url} (key ${emulator.secretKey}, webhooks signed with ${emulator.webhookSecret})`;
console.log(`
Billing example: ${base}

  Pages           ${base}/sign-in   (pick a demo user), ${base}/invoices, ${base}/audit (admins)
  REST            ${base}/api/ops/<operation>   e.g. GET ${base}/api/ops/billing.listInvoices
  OpenAPI         ${base}/api/ops/openapi.json
  API reference   ${base}/api/ops/docs
  GraphQL         ${base}/api/graphql
  MCP             ${base}/api/mcp   (Streamable HTTP, Authorization: Bearer <token>)
  Stripe webhooks ${base}/api/webhooks/stripe
  Stripe          ${stripe}
  Database        ${database}

Demo users and their API tokens (30 days; also in ${relative(root, tokenFile)}):
${tokens.map((u) => `  ${u.id.padEnd(6)} ${u.role.padEnd(6)} ${u.tenantId.padEnd(7)} ${u.token}`).join('\n')}

Try:
  source ${relative(root, tokenFile)}
  curl -H "Authorization: Bearer $ALICE_TOKEN" ${base}/api/ops/billing.listInvoices
Walkthrough: docs/billing.md. Stop with Ctrl+C.
`);
