/**
 * The exhaustive small world: every caller × every invoice × every operation of a small billing
 * app, run end-to-end through the pipeline and compared with a plain reference predicate written
 * independently of the policy engine.
 */
import { ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { installOp, SpecRegistry } from '../registry/registry.js';
import type { BaseContext } from '../runtime/context.js';
import { execute } from '../runtime/execute.js';
import { MemoryAuditSink } from '../runtime/memory/audit.js';
import type { AuditRecord } from '../runtime/ports.js';
import { type AnyOperationSpec, defineCommand, defineQuery } from '../spec/operation.js';
import { defineCondition } from './conditions.js';
import type { ConditionRef, PolicyRule, PolicySpec } from './types.js';

// ---------------------------------------------------------------------------------------------
// The facts of the world
// ---------------------------------------------------------------------------------------------

const TENANTS = ['t1', 't2', 't3'] as const;

interface Invoice {
  readonly id: string;
  readonly tenantId: string;
  readonly ownerId: string;
  readonly status: 'open' | 'paid';
}

/** Three invoices per tenant, owned by different users, open and paid. */
const INVOICES: readonly Invoice[] = TENANTS.flatMap((t) => [
  { id: `${t}-inv1`, tenantId: t, ownerId: `${t}-u1`, status: 'open' as const },
  { id: `${t}-inv2`, tenantId: t, ownerId: `${t}-u2`, status: 'paid' as const },
  { id: `${t}-inv3`, tenantId: t, ownerId: `${t}-u3`, status: 'open' as const },
]);
const INVOICE_IDS = [...INVOICES.map((i) => i.id), 'inv-missing'];
const invoiceById = new Map(INVOICES.map((i) => [i.id, i]));

/**
 * A caller: the context the app hands the pipeline, and the facts about it stated by hand (the
 * reference reads only these, never the context).
 */
interface Persona {
  readonly label: string;
  readonly ctx: BaseContext;
  readonly signedIn: boolean;
  readonly admin: boolean;
  readonly support: boolean;
  readonly userId?: string;
  readonly tenantId?: string;
}

function user(t: string, n: number, roles: string[] = []): Persona {
  const userId = `${t}-u${n}`;
  return {
    label: userId,
    ctx: { actor: 'user', userId, tenantId: t, roles },
    signedIn: true,
    admin: false,
    support: roles.includes('support'),
    userId,
    tenantId: t,
  };
}

/** Admins of the three tenants: by actor, by role, and by both (with the support role too). */
function admin(t: string, i: number): Persona {
  const userId = `${t}-admin`;
  const ctx: BaseContext[] = [
    { actor: 'admin', userId, tenantId: t },
    { actor: 'user', userId, tenantId: t, roles: ['admin'] },
    { actor: 'admin', userId, tenantId: t, roles: ['admin', 'support'] },
  ];
  return {
    label: userId,
    ctx: ctx[i] as BaseContext,
    signedIn: true,
    admin: true,
    support: i === 2,
    userId,
    tenantId: t,
  };
}

const nobody = { signedIn: false, admin: false, support: false } as const;

const PERSONAS: readonly Persona[] = [
  ...TENANTS.flatMap((t, i) => [user(t, 1), user(t, 2), user(t, 3, ['support']), admin(t, i)]),
  { label: 'anonymous', ctx: { actor: 'anonymous' }, ...nobody },
  {
    label: 'anonymous with a tenant',
    ctx: { actor: 'anonymous', tenantId: 't1' },
    ...nobody,
    tenantId: 't1',
  },
  {
    label: 'user without a tenant',
    ctx: { actor: 'user', userId: 'drifter', tenantId: null },
    ...nobody,
    signedIn: true,
    userId: 'drifter',
  },
  {
    label: 'admin without a tenant',
    ctx: { actor: 'admin', userId: 'root', roles: ['support'] },
    signedIn: true,
    admin: true,
    support: true,
    userId: 'root',
  },
  {
    label: "user with userId ''",
    ctx: { actor: 'user', userId: '', tenantId: 't1' },
    ...nobody,
    tenantId: 't1',
  },
  {
    label: 'user with userId null',
    ctx: { actor: 'user', userId: null, tenantId: 't1' },
    ...nobody,
    tenantId: 't1',
  },
  {
    label: 'admin without userId',
    ctx: { actor: 'admin', tenantId: 't1', roles: ['admin', 'support'] },
    ...nobody,
    tenantId: 't1',
  },
];

// ---------------------------------------------------------------------------------------------
// The reference: a plain predicate over the facts above
// ---------------------------------------------------------------------------------------------

type Outcome = 'allow' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND';

const OPS = [
  'billing.getInvoice',
  'billing.payInvoice',
  'billing.refundInvoice',
  'billing.voidInvoice',
  'billing.sendReminder',
  'billing.listPublicPlans',
] as const;
type OpName = (typeof OPS)[number];

function reference(op: OpName, who: Persona, invoiceId: string): Outcome {
  if (op === 'billing.listPublicPlans') return 'allow';
  if (!who.signedIn) return 'UNAUTHENTICATED';
  if (op === 'billing.voidInvoice' && !who.admin) return 'FORBIDDEN';
  if (op === 'billing.sendReminder' && !who.support) return 'FORBIDDEN';
  const invoice = invoiceById.get(invoiceId);
  const inTenant = invoice !== undefined && invoice.tenantId === who.tenantId;
  const owns = invoice !== undefined && invoice.ownerId === who.userId;
  if (op === 'billing.getInvoice') return inTenant ? 'allow' : 'NOT_FOUND';
  if (op === 'billing.payInvoice') return owns && inTenant ? 'allow' : 'FORBIDDEN';
  if (op === 'billing.refundInvoice') return (who.admin || owns) && inTenant ? 'allow' : 'FORBIDDEN';
  if (op === 'billing.voidInvoice') return inTenant ? 'allow' : 'FORBIDDEN';
  return inTenant && invoice?.status === 'open' ? 'allow' : 'FORBIDDEN';
}

// ---------------------------------------------------------------------------------------------
// The operations, built with a rule order
// ---------------------------------------------------------------------------------------------

defineCondition('invoiceOpen', ({ resource }) => (resource as Invoice).status === 'open');

const InvoiceRef = new SchemaModel({
  name: 'InvoiceRef',
  fields: { invoiceId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false } },
});
const PlansFilter = new SchemaModel({
  name: 'PlansFilter',
  fields: { currency: { type: ScalarTypeEnum.String(), isOptional: true } },
});
const Ack = new SchemaModel({
  name: 'Ack',
  fields: { done: { type: ScalarTypeEnum.Boolean(), isOptional: false } },
});

const invoiceRule = (action: string, condition: ConditionRef): PolicyRule => ({
  resource: 'invoice',
  action,
  condition,
});

/** The policies as declared. */
const POLICIES: Record<OpName, PolicySpec> = {
  'billing.getInvoice': { auth: 'user', hideExistence: true, rules: [invoiceRule('read', 'sameTenant')] },
  'billing.payInvoice': {
    auth: 'user',
    rules: [invoiceRule('pay', 'owner'), invoiceRule('pay', 'sameTenant')],
  },
  'billing.refundInvoice': {
    auth: 'user',
    rules: [invoiceRule('refund', { anyOf: ['admin', 'owner'] }), invoiceRule('refund', 'sameTenant')],
  },
  'billing.voidInvoice': { auth: 'admin', rules: [invoiceRule('void', 'sameTenant')] },
  'billing.sendReminder': {
    auth: 'support',
    rules: [
      invoiceRule('remind', 'sameTenant'),
      invoiceRule('remind', { allOf: ['invoiceOpen', 'sameTenant'] }),
    ],
  },
  'billing.listPublicPlans': { auth: 'anonymous' },
};

/** Reorders a list (rules, or the members of anyOf / allOf). */
type Reorder = <T>(list: readonly T[]) => T[];

function reorderCondition(ref: ConditionRef, reorder: Reorder): ConditionRef {
  if (typeof ref === 'string') return ref;
  if ('anyOf' in ref) return { anyOf: reorder(ref.anyOf.map((r) => reorderCondition(r, reorder))) };
  return { allOf: reorder(ref.allOf.map((r) => reorderCondition(r, reorder))) };
}

function reorderPolicy(policy: PolicySpec, reorder: Reorder): PolicySpec {
  if (policy.rules === undefined) return policy;
  const rules = policy.rules.map((r) => ({ ...r, condition: reorderCondition(r.condition, reorder) }));
  return { ...policy, rules: reorder(rules) };
}

const meta = (name: string) => ({
  name,
  version: 1,
  description: `The small world's ${name}`,
  owners: ['team-billing'],
  stability: 'stable' as const,
});

function specFor(name: OpName, policy: PolicySpec): AnyOperationSpec {
  if (name === 'billing.getInvoice')
    return defineQuery({ meta: meta(name), io: { input: InvoiceRef, output: Ack }, policy });
  if (name === 'billing.listPublicPlans')
    return defineQuery({ meta: meta(name), io: { input: PlansFilter, output: Ack }, policy });
  return defineCommand({ meta: meta(name), io: { input: InvoiceRef, output: Ack }, policy });
}

function inputFor(name: OpName, invoiceId: string): unknown {
  return name === 'billing.listPublicPlans' ? {} : { invoiceId };
}

interface World {
  readonly registry: SpecRegistry;
  readonly audit: MemoryAuditSink;
  readonly policies: Record<OpName, PolicySpec>;
}

function buildWorld(reorder: Reorder = (list) => [...list]): World {
  const audit = new MemoryAuditSink({ capacity: 100_000 });
  const registry = new SpecRegistry({ audit, tracer: false });
  registry.resources.register(
    'invoice',
    ({ input }) => invoiceById.get((input as { invoiceId: string }).invoiceId) ?? null,
  );
  const policies = {} as Record<OpName, PolicySpec>;
  for (const name of OPS) {
    policies[name] = reorderPolicy(POLICIES[name], reorder);
    installOp(registry, specFor(name, policies[name]), () => ({ done: true }));
  }
  return { registry, audit, policies };
}

interface Call {
  readonly op: OpName;
  readonly who: Persona;
  readonly invoiceId: string;
  readonly requestId: string;
}

const CALLS: readonly Call[] = OPS.flatMap((op) =>
  PERSONAS.flatMap((who) =>
    INVOICE_IDS.map((invoiceId, i) => ({ op, who, invoiceId, requestId: `${op}:${who.label}:${i}` })),
  ),
);

/** Runs every call through `execute` and answers the outcome of each. */
async function runWorld(world: World): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const call of CALLS) {
    const result = await execute(world.registry, {
      name: call.op,
      input: inputFor(call.op, call.invoiceId),
      transport: 'internal',
      context: call.who.ctx,
      requestId: call.requestId.replace(/[^A-Za-z0-9._:-]/g, '_'),
    });
    outcomes.push(result.ok ? 'allow' : (result.error.code as Outcome));
  }
  return outcomes;
}

function disagreements(outcomes: readonly Outcome[]): string[] {
  return CALLS.flatMap((call, i) => {
    const expected = reference(call.op, call.who, call.invoiceId);
    return outcomes[i] === expected
      ? []
      : [
          `${call.op} by ${call.who.label} on ${call.invoiceId}: pipeline ${outcomes[i]}, reference ${expected}`,
        ];
  });
}

/** A seeded Fisher–Yates shuffle (mulberry32), so a failing order can be replayed. */
function shuffler(seed: number): Reorder {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return <T>(list: readonly T[]): T[] => {
    const copy = [...list];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  };
}

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

describe('the small billing world', () => {
  let world: World;
  let outcomes: Outcome[];
  beforeAll(async () => {
    world = buildWorld();
    outcomes = await runWorld(world);
  });

  it('agrees with the reference predicate on every combination', () => {
    expect(CALLS.length).toBe(OPS.length * PERSONAS.length * INVOICE_IDS.length);
    const wrong = disagreements(outcomes);
    console.log(
      `small world: ${CALLS.length} combinations checked (${OPS.length} operations × ${PERSONAS.length} callers × ${INVOICE_IDS.length} invoices), ${wrong.length} disagreements`,
    );
    expect(wrong).toEqual([]);
  });

  it('exercises every outcome (the reference is not trivial)', () => {
    for (const outcome of ['allow', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'] as const)
      expect(outcomes.filter((o) => o === outcome).length, outcome).toBeGreaterThan(0);
  });

  it('audits every call once; denials as denied, with the rule and the reason', () => {
    const byRequest = new Map<string, AuditRecord>();
    for (const record of world.audit.records()) byRequest.set(record.requestId, record);
    expect(world.audit.records()).toHaveLength(CALLS.length);
    CALLS.forEach((call, i) => {
      const record = byRequest.get(call.requestId.replace(/[^A-Za-z0-9._:-]/g, '_'));
      expect(record, call.requestId).toBeDefined();
      if (outcomes[i] === 'allow') {
        expect(record?.outcome).toBe('success');
        return;
      }
      expect(record?.outcome, call.requestId).toBe('denied');
      expect(record?.errorCode).toBe(outcomes[i]);
      expect(record?.decision?.allowed).toBe(false);
      expect(record?.decision?.reason).toMatch(/\S/);
      expect(record?.decision?.rule).toMatch(/^(auth|rules\[[01]\] invoice:(read|pay|refund|void|remind))$/);
    });
  });

  it.each([
    [
      'billing.payInvoice',
      't1-u2',
      't1-inv1',
      'rules[0] invoice:pay',
      'condition "owner" does not hold',
      'FORBIDDEN',
    ],
    [
      'billing.getInvoice',
      't2-u1',
      't1-inv1',
      'rules[0] invoice:read',
      'condition "sameTenant" does not hold',
      'NOT_FOUND',
    ],
    [
      'billing.refundInvoice',
      't2-admin',
      't1-inv2',
      'rules[1] invoice:refund',
      'condition "sameTenant" does not hold',
      'FORBIDDEN',
    ],
    ['billing.voidInvoice', 't1-u1', 't1-inv1', 'auth', 'requires admin', 'FORBIDDEN'],
    [
      'billing.sendReminder',
      't1-u3',
      't1-inv2',
      'rules[1] invoice:remind',
      'condition "invoiceOpen" does not hold',
      'FORBIDDEN',
    ],
    ['billing.payInvoice', 't1-u1', 'inv-missing', 'rules[0] invoice:pay', 'invoice not found', 'FORBIDDEN'],
    ['billing.payInvoice', 'anonymous', 't1-inv1', 'auth', 'no identity', 'UNAUTHENTICATED'],
  ])('%s by %s on %s is audited as denied by %s (%s)', (op, who, invoiceId, rule, reason, code) => {
    const index = CALLS.findIndex((c) => c.op === op && c.who.label === who && c.invoiceId === invoiceId);
    const record = world.audit.records().find((r) => r.requestId === CALLS[index]?.requestId);
    expect(record).toMatchObject({
      outcome: 'denied',
      errorCode: code,
      decision: { allowed: false, rule, reason },
    });
  });
});

describe('rule order does not matter', () => {
  const baseline = (async () => runWorld(buildWorld()))();
  const orders: Array<[string, Reorder]> = [
    ['reversed', (list) => [...list].reverse()],
    ...[1, 2, 3, 42, 2024].map((seed): [string, Reorder] => [`shuffled (seed ${seed})`, shuffler(seed)]),
  ];

  it.each(orders)('%s: the same decisions as declared, and as the reference', async (_label, reorder) => {
    const world = buildWorld(reorder);
    const outcomes = await runWorld(world);
    expect(outcomes).toEqual(await baseline);
    expect(disagreements(outcomes)).toEqual([]);
    // Denials still name a rule of this world's (reordered) policy.
    for (const record of world.audit.records()) {
      const match = /^rules\[(\d)\] invoice:(\w+)$/.exec(record.decision?.rule ?? '');
      if (match === null) continue;
      const rules = world.policies[record.operation.name as OpName].rules ?? [];
      expect(rules[Number(match[1])]?.action).toBe(match[2]);
    }
  });

  it('reversing really changes which rule a denial names', async () => {
    const world = buildWorld((list) => [...list].reverse());
    await runWorld(world);
    const record = world.audit
      .records()
      .find((r) => r.operation.name === 'billing.payInvoice' && r.requestId.includes(':t1-u2:0'));
    expect(record?.decision).toMatchObject({
      rule: 'rules[1] invoice:pay',
      reason: 'condition "owner" does not hold',
    });
  });
});

describe('policies without rules, and without auth', () => {
  const ping = defineQuery({
    meta: meta('billing.ping'),
    io: { input: PlansFilter, output: Ack },
    policy: { auth: 'user', rules: [] },
  });
  const unlocked = (name: string, policy: unknown): AnyOperationSpec =>
    ({ ...ping, meta: meta(name), policy }) as unknown as AnyOperationSpec;
  const locked: Array<[string, unknown]> = [
    ['an empty policy', {}],
    ["auth ''", { auth: '' }],
    ['rules but no auth', { rules: [] }],
  ];

  function registry(): SpecRegistry {
    const r = new SpecRegistry({ tracer: false });
    installOp(r, ping, () => ({ done: true }));
    locked.forEach(([, policy], i) => {
      r.install(unlocked(`billing.locked${i}`, policy), () => ({ done: true }));
    });
    return r;
  }

  const call = (r: SpecRegistry, name: string, who: Persona) =>
    execute(r, { name, input: {}, transport: 'internal', context: who.ctx });

  it.each(PERSONAS.map((p) => [p.label, p] as const))(
    "rules: [] with auth 'user': %s is allowed if signed in, else UNAUTHENTICATED",
    async (_label, who) => {
      const result = await call(registry(), 'billing.ping', who);
      if (who.signedIn) expect(result.ok).toBe(true);
      else expect(result.ok ? 'allow' : result.error.code).toBe('UNAUTHENTICATED');
    },
  );

  it.each(locked)('%s cannot be defined', (_label, policy) => {
    expect(() =>
      defineQuery({
        meta: meta('billing.lockedOut'),
        io: { input: PlansFilter, output: Ack },
        policy,
      } as never),
    ).toThrow(/policy/);
  });

  it.each(locked.map(([label], i) => [label, `billing.locked${i}`] as const))(
    '%s (forced into a registry) denies everyone',
    async (_label, name) => {
      const r = registry();
      for (const who of PERSONAS) {
        const result = await call(r, name, who);
        expect(result.ok ? 'allow' : result.error.code, who.label).toBe('FORBIDDEN');
      }
    },
  );
});
