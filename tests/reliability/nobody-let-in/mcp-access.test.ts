// MCP through the app's route (app/api/mcp): an agent sees in tools/list exactly the tools its
// caller may call (reference lists below, from the product's rules), cannot call the others with
// tools/call (no effect, no Stripe request), and only an API bearer token for this app counts: a
// page session token (as a bearer or as the cookie), a token for another audience or issuer, a
// forged, expired or unsigned token are nobody.
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFigure } from '../support/figures.js';
import { jsonPost, type Routes, readToolAnswer, routes } from './drivers.js';
import { ACTORS, type Actor, identityOf, startWorld, type World } from './world.js';

/** What every signed-in person may call, and what only admins may add; nobody gets nothing. */
const MEMBER_TOOLS = ['getInvoice', 'capturePayment', 'refundPayment', 'listInvoices'] as const;
const ADMIN_TOOLS = ['createInvoice', 'listAudit', 'recoverPayments'] as const;
/** Every tool name an agent might try, including the webhook-only operation. */
const ALL = [...MEMBER_TOOLS, ...ADMIN_TOOLS, 'completePayment'] as const;

function mayCall(actor: Actor): readonly string[] {
  const who = identityOf(actor);
  if (who === undefined) return [];
  return who.role === 'admin' ? [...MEMBER_TOOLS, ...ADMIN_TOOLS] : MEMBER_TOOLS;
}

let world: World;
let handlers: Routes;

beforeAll(async () => {
  world = await startWorld();
  handlers = await routes();
}, 60_000);

afterAll(async () => {
  await world?.close();
});

const rpc = (method: string, params?: object) => ({ jsonrpc: '2.0', id: 1, method, params });

async function listTools(headers: Record<string, string>): Promise<string[]> {
  const response = await handlers.mcp(jsonPost('/api/mcp', rpc('tools/list'), headers));
  const body = (await response.json()) as { result?: { tools: { name: string }[] } }; // JSON-RPC answer
  return (body.result?.tools ?? []).map((t) => t.name.replace(/^billing_/, '')).sort();
}

function inputFor(tool: (typeof ALL)[number]): unknown {
  const invoiceId = world.invoiceId('aliceOpen');
  const inputs: Record<(typeof ALL)[number], unknown> = {
    getInvoice: { invoiceId },
    capturePayment: { invoiceId, paymentMethodId: 'pm_card_visa' },
    refundPayment: { invoiceId: world.invoiceId('alicePaid') },
    listInvoices: {},
    createInvoice: { ownerId: 'alice', description: 'agent', amount: { amount: 100, currency: 'USD' } },
    listAudit: {},
    recoverPayments: { olderThanSeconds: 0 },
    completePayment: { paymentIntentId: 'pi_forged' },
  };
  return inputs[tool];
}

/** tools/call with `headers`; answers the code (or 'ok') and whether anything changed. */
async function callTool(tool: (typeof ALL)[number], headers: Record<string, string>) {
  const state = await world.state();
  const stripe = world.stripeCalls();
  const call = rpc('tools/call', {
    name: `billing_${tool}`,
    arguments: inputFor(tool),
    _meta: { idempotencyKey: crypto.randomUUID() },
  });
  const response = await handlers.mcp(jsonPost('/api/mcp', call, headers));
  const answer = readToolAnswer(response.status, await response.json());
  const changed = (await world.state()) !== state || world.stripeCalls() !== stripe;
  return { code: answer.ok ? 'ok' : answer.code, changed };
}

const auth = (value: string | undefined): Record<string, string> =>
  value === undefined ? {} : { authorization: value };

describe('nobody let in: MCP tools', { timeout: 30_000 }, () => {
  it('tools/list shows each caller exactly the tools it may call; the others cannot be called', async () => {
    const mismatches: string[] = [];
    let hiddenCalls = 0;
    for (const actor of ACTORS) {
      const expected = [...mayCall(actor)].sort();
      const listed = await listTools(auth(world.authorization[actor]));
      if (JSON.stringify(listed) !== JSON.stringify(expected))
        mismatches.push(`${actor} lists ${listed.join(',')}; expected ${expected.join(',')}`);
      for (const tool of ALL.filter((t) => !expected.includes(t))) {
        hiddenCalls++;
        const { code, changed } = await callTool(tool, auth(world.authorization[actor]));
        const want =
          tool === 'completePayment' ? 'NOT_FOUND' : identityOf(actor) ? 'FORBIDDEN' : 'UNAUTHENTICATED';
        if (code !== want || changed)
          mismatches.push(`${actor} ${tool}: ${code}${changed ? ' with an effect' : ''}`);
      }
    }
    recordFigure({
      section: 'nobody-let-in',
      scenario: 'MCP tools/list and hidden tools/call',
      runs: ACTORS.length + hiddenCalls,
      figure: `${ACTORS.length} callers listed, ${hiddenCalls} calls of unlisted tools, ${mismatches.length} mismatches`,
      pass: mismatches.length === 0,
    });
    expect(mismatches).toEqual([]);
  });

  it('takes only an API bearer token of this app: other audiences, issuers and forgeries are nobody', async () => {
    const signed = (
      audience: string,
      issuer = 'lssm-billing',
      expires: number | string = '1h',
      key = world.key,
    ) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer(issuer)
        .setAudience(audience)
        .setSubject('ada')
        .setIssuedAt()
        .setExpirationTime(expires)
        .sign(key);
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({
        iss: 'lssm-billing',
        aud: 'api',
        sub: 'ada',
        exp: Math.floor(Date.now() / 1000) + 3600,
      }),
    ).toString('base64url')}.`;
    const session = await world.session('ada');
    const cases: [string, Record<string, string>][] = [
      ['page session token as bearer', { authorization: `Bearer ${session}` }],
      ['page session cookie', { cookie: `billing_session=${session}` }],
      ['token for another audience', { authorization: `Bearer ${await signed('https://other.example')}` }],
      ['token of another issuer', { authorization: `Bearer ${await signed('api', 'someone-else')}` }],
      [
        'expired API token',
        { authorization: `Bearer ${await signed('api', undefined, Math.floor(Date.now() / 1000) - 60)}` },
      ],
      [
        'API token signed with another key',
        { authorization: `Bearer ${await signed('api', undefined, '1h', new Uint8Array(32).fill(7))}` },
      ],
      ['unsigned (alg none) token', { authorization: `Bearer ${unsigned}` }],
    ];
    const let_in: string[] = [];
    for (const [label, headers] of cases) {
      const listed = await listTools(headers);
      const { code, changed } = await callTool('createInvoice', headers);
      if (listed.length > 0 || code !== 'UNAUTHENTICATED' || changed)
        let_in.push(`${label}: ${listed.length} tools, createInvoice ${code}`);
    }
    // The control: ada's real API token is an admin.
    const control = await callTool('listAudit', { authorization: world.authorization.ada as string });
    recordFigure({
      section: 'nobody-let-in',
      scenario: 'MCP tokens for another audience',
      runs: cases.length,
      figure: `${cases.length - let_in.length}/${cases.length} refused (0 tools listed, UNAUTHENTICATED)${let_in.length > 0 ? `; let in: ${let_in.join('; ')}` : ''}; real API token: ${control.code}`,
      pass: let_in.length === 0 && control.code === 'ok',
    });
    expect(let_in).toEqual([]);
    expect(control.code).toBe('ok');
  });
});
