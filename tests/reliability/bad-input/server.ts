// The billing example's real registry on all four transports, in this process, for the bad-input
// suite: the app's own route handlers (REST, GraphQL, MCP, Stripe webhooks) served on 127.0.0.1
// through node:http, plus REST through `createNodeHandler` on a second port, a Stripe emulator
// and a fresh PGlite data directory. Also the seeded users' tokens as `Authorization` headers.
import { randomBytes } from 'node:crypto';
import type { AppContext } from '@lssm/lib.contracts';
import { createNodeHandler } from '@lssm/lib.contracts/server/rest-node';
import { toNodeListener } from '@lssm/lib.contracts/server/webhooks';
import type { StripeEmulator } from '@lssm/stripe-emulator';
import * as graphqlRoute from '../../../examples/billing/app/api/graphql/route.js';
import * as mcpRoute from '../../../examples/billing/app/api/mcp/route.js';
import * as opsRoute from '../../../examples/billing/app/api/ops/[...route]/route.js';
import * as stripeRoute from '../../../examples/billing/app/api/webhooks/stripe/route.js';
import { signToken } from '../../../examples/billing/lib/auth/tokens.js';
import { auth } from '../../../examples/billing/lib/auth.js';
import { registry } from '../../../examples/billing/lib/registry.js';
import { type InProcessBilling, startInProcessBilling } from '../../billing/in-process.js';
import { listen } from '../../support/listen.js';
import { keepAlive, send } from './http-client.js';

/** The seeded users: alice and bob are acme members, ada acme's admin, carol a globex member. */
export type BillingUser = 'alice' | 'bob' | 'ada' | 'carol';

/** A running billing app. */
export interface BadInputServer {
  /** The app's routes: `/api/ops/*`, `/api/graphql`, `/api/mcp`, `/api/webhooks/stripe`. */
  readonly url: string;
  /** REST through `createNodeHandler` (`/api/ops/*`), with the ops route's context. */
  readonly nodeRestUrl: string;
  readonly emulator: StripeEmulator;
  readonly tokens: Readonly<Record<BillingUser, string>>;
  /** Every secret of this run (Stripe key, webhook secret, session secret, bearer tokens). */
  readonly secrets: readonly string[];
  /** Stripe's webhook signing secret (the emulator's). */
  readonly webhookSecret: string;
  close(): Promise<void>;
}

type FetchRoute = (request: Request) => Promise<Response>;

/** The app's route for a path, as Next.js would route it (undefined: 404). */
function routeFor(path: string, method: string): FetchRoute | undefined {
  const pick = (module: Record<string, unknown>) => module[method] as FetchRoute | undefined;
  if (path.startsWith('/api/ops/')) return pick(opsRoute);
  if (path === '/api/graphql') return pick(graphqlRoute);
  if (path === '/api/mcp') return pick(mcpRoute);
  if (path === '/api/webhooks/stripe') return pick(stripeRoute);
  return undefined;
}

const appRoutes = toNodeListener(async (req) => {
  const route = routeFor(new URL(req.url).pathname, req.method);
  return route === undefined ? new Response('not found', { status: 404 }) : route(req);
});

/** The ops route's context factory (app/api/ops/[...route]/route.ts), for a node:http request. */
async function opsContext(authorization: string | undefined): Promise<AppContext> {
  const headers = authorization === undefined ? undefined : { authorization };
  const session = await auth(new Request('http://localhost/', { headers }));
  return {
    actor: session.role === 'admin' ? 'admin' : 'user',
    userId: session.userId,
    tenantId: session.tenantId,
    roles: session.role === undefined ? [] : [session.role],
  };
}

/** Starts the emulator, points the app at it and a fresh data directory, and serves it. */
export async function startBadInputServer(): Promise<BadInputServer> {
  const app = await listen((req, res) => void appRoutes(req, res));
  const node = await listen(createNodeHandler(registry, (req) => opsContext(req.headers.authorization)));
  const stripeKey = `sk_test_${randomBytes(12).toString('hex')}`;
  const webhookSecret = `whsec_${randomBytes(18).toString('base64url')}`;
  const sessionSecret = randomBytes(32).toString('base64url');
  let billing: InProcessBilling;
  try {
    billing = await startInProcessBilling('bad-input', {
      publicUrl: app.url,
      sessionSecret,
      emulator: {
        secretKey: stripeKey,
        webhook: { url: `${app.url}/api/webhooks/stripe`, secret: webhookSecret, retryDelayMs: 50 },
      },
    });
  } catch (error) {
    await Promise.all([app.close(), node.close()]);
    throw error;
  }
  const emulator = billing.emulator;
  const key = new TextEncoder().encode(sessionSecret);
  const users: BillingUser[] = ['alice', 'bob', 'ada', 'carol'];
  const signed = await Promise.all(users.map((user) => signToken(key, user, 'api')));
  const tokens = Object.fromEntries(users.map((user, i) => [user, signed[i]])) as Record<BillingUser, string>;
  return {
    url: app.url,
    nodeRestUrl: node.url,
    emulator,
    tokens,
    secrets: [stripeKey, webhookSecret, sessionSecret, ...signed],
    webhookSecret,
    async close() {
      await Promise.all([app.close(), node.close()]);
      await billing.close();
      keepAlive.destroy();
    },
  };
}

/** Who calls, as an `Authorization` header: a seeded user's token, none, or a forged one. */
export function authorization(
  server: BadInputServer,
  caller: BillingUser | 'anonymous' | 'forged',
): Record<string, string> {
  if (caller === 'anonymous') return {};
  // Alice's token with another user's subject: the signature no longer matches.
  const forged = () => {
    const [header, , signature] = server.tokens.alice.split('.');
    const payload = Buffer.from(JSON.stringify({ sub: 'ada', aud: 'api', iss: 'lssm-billing' })).toString(
      'base64url',
    );
    return `${header}.${payload}.${signature}`;
  };
  return { authorization: `Bearer ${caller === 'forged' ? forged() : server.tokens[caller]}` };
}

/** A started server and the ids of the invoices it seeded (read as ada, the admin): what the fuzzers aim at. */
export async function startFuzzTarget(): Promise<{ server: BadInputServer; invoiceIds: string[] }> {
  const server = await startBadInputServer();
  const listed = await send(`${server.url}/api/ops/billing.listInvoices`, {
    method: 'GET',
    headers: authorization(server, 'ada'),
  });
  const invoiceIds = (JSON.parse(listed.text) as { invoices: { id: string }[] }).invoices.map((i) => i.id);
  return { server, invoiceIds };
}
