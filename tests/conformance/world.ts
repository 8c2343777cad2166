// The one small world every transport is held to: a capture command with an owner rule, a declared
// domain error and optional idempotency; an op that throws something secret; a deprecated op; and
// system-actor twins of the first two for webhooks (which call as the system, never as a user).
import { defineCommand, installOp, MemoryAuditSink, SpecRegistry } from '@lssm/lib.contracts';
import { ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';

/** What a secret in an unexpected error looks like; it must never reach a client. */
export const SECRET = 'sk_live_conformance_hunter2';

const CaptureInput = new SchemaModel({
  name: 'ConformanceCaptureInput',
  fields: {
    invoiceId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false },
    amount: { type: ScalarTypeEnum.PositiveInt(), isOptional: false },
  },
});
const CaptureResult = new SchemaModel({
  name: 'ConformanceCaptureResult',
  fields: {
    transactionId: { type: ScalarTypeEnum.String(), isOptional: false },
    status: { type: ScalarTypeEnum.String(), isOptional: false },
  },
});
const NoteInput = new SchemaModel({
  name: 'ConformanceNoteInput',
  fields: { note: { type: ScalarTypeEnum.String(), isOptional: false } },
});
const Pong = new SchemaModel({
  name: 'ConformancePong',
  fields: { pong: { type: ScalarTypeEnum.Boolean(), isOptional: false } },
});

const meta = (name: string, stability: 'stable' | 'deprecated' = 'stable') => ({
  name,
  version: 1,
  description: `Conformance: ${name}`,
  owners: ['team-conformance'],
  stability,
});
const errors = { ALREADY_PAID: { status: 409, description: 'The invoice is already paid' } };

const Capture = defineCommand({
  meta: meta('billing.capturePayment'),
  io: { input: CaptureInput, output: CaptureResult, errors },
  policy: { auth: 'user', rules: [{ resource: 'invoice', action: 'pay', condition: 'owner' }] },
  idempotency: {},
});
const Explode = defineCommand({
  meta: meta('ops.explode'),
  io: { input: NoteInput, output: Pong },
  policy: { auth: 'user' },
});
const Legacy = defineCommand({
  meta: {
    ...meta('billing.legacyCharge', 'deprecated'),
    deprecation: { since: '2026-01-01', sunset: '2027-01-01', replacement: 'billing.capturePayment' },
  },
  io: { input: NoteInput, output: Pong },
  policy: { auth: 'user' },
});
const onlyWebhooks = { rest: false, graphql: false, mcp: false } as const;
const Complete = defineCommand({
  meta: meta('billing.completePayment'),
  io: { input: CaptureInput, output: CaptureResult, errors },
  policy: { auth: 'system' },
  exposure: onlyWebhooks,
});
const ExplodeFromWebhook = defineCommand({
  meta: meta('ops.explodeFromWebhook'),
  io: { input: NoteInput, output: Pong },
  policy: { auth: 'system' },
  exposure: onlyWebhooks,
});

/** The operations a scenario names, by a key every driver maps to its own operation. */
export type OpKey = 'capture' | 'explode' | 'legacy';

/** A fresh registry with its audit sink and handler run counters. */
export function makeWorld() {
  const audit = new MemoryAuditSink();
  const registry = new SpecRegistry({ audit, tracer: false });
  const invoices = new Map([
    ['inv_open', { id: 'inv_open', ownerId: 'alice', tenantId: 'acme', status: 'open' }],
    ['inv_paid', { id: 'inv_paid', ownerId: 'alice', tenantId: 'acme', status: 'paid' }],
  ]);
  const runs: Record<OpKey, number> = { capture: 0, explode: 0, legacy: 0 };
  registry.resources.register('invoice', ({ input }) =>
    invoices.get((input as { invoiceId: string }).invoiceId),
  );
  const capture = (input: { invoiceId: string; amount: number }, fail: (code: 'ALREADY_PAID') => Error) => {
    runs.capture++;
    if (invoices.get(input.invoiceId)?.status === 'paid') throw fail('ALREADY_PAID');
    return { transactionId: `pi_${input.invoiceId}_${runs.capture}`, status: 'succeeded' };
  };
  const explode = (): never => {
    runs.explode++;
    throw new Error(`database password ${SECRET} at /srv/app/secret.ts:12`);
  };
  installOp(registry, Capture, (input, ctx) => capture(input, ctx.fail));
  installOp(registry, Complete, (input, ctx) => capture(input, ctx.fail));
  installOp(registry, Explode, explode);
  installOp(registry, ExplodeFromWebhook, explode);
  installOp(registry, Legacy, () => {
    runs.legacy++;
    return { pong: true };
  });
  const records = () => audit.records();
  return { registry, runs, records };
}

export type World = ReturnType<typeof makeWorld>;

/** The apps' context: `Bearer <user>` is that user of tenant acme; anything else is anonymous. */
export { bearerContext as contextFrom } from '../support/bearer.js';
