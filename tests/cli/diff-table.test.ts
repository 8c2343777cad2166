// `contracts diff` against a table of change kinds: each case builds two tiny registries here,
// writes their snapshots, runs the bin on them and checks every classified change and the exit code.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSnapshot, stableJson } from '@lssm/cli';
import {
  type AnyOperationSpec,
  type DomainErrors,
  defineCommand,
  defineQuery,
  type Exposure,
  type PolicySpec,
  SpecRegistry,
  type Stability,
} from '@lssm/lib.contracts';
import { defineEnum, type FieldMap, ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';
import { describe, expect, it } from 'vitest';
import { contracts, SLOW, scratch } from './helpers.js';

/** One operation, described by plain settings so each case changes only what it is about. */
interface Op {
  readonly version: number;
  readonly kind: 'command' | 'query';
  readonly stability: Stability;
  readonly input: FieldMap;
  readonly inputKeys: 'reject' | 'strip';
  readonly output: FieldMap;
  readonly errors: DomainErrors;
  readonly policy: PolicySpec;
  readonly required?: boolean;
  readonly exposure?: Exposure;
  readonly destructive?: boolean;
}

const req = <T>(type: T) => ({ type, isOptional: false as const });
const opt = <T>(type: T) => ({ type, isOptional: true as const });
const currency = (...values: string[]) => defineEnum('Currency', values);
const status = (...values: string[]) => defineEnum('PaymentStatus', values);

const INPUT = {
  invoiceId: req(ScalarTypeEnum.ID()),
  amount: req(ScalarTypeEnum.PositiveInt()),
  currency: req(currency('EUR', 'USD')),
  note: { ...opt(ScalarTypeEnum.String({ maxLength: 200 })), isNullable: true },
};
const OUTPUT = {
  transactionId: req(ScalarTypeEnum.String()),
  status: req(status('succeeded', 'failed')),
  receiptUrl: opt(ScalarTypeEnum.URL()),
};
const BASE: Op = {
  version: 1,
  kind: 'command',
  stability: 'stable',
  input: INPUT,
  inputKeys: 'reject',
  output: OUTPUT,
  errors: { ALREADY_PAID: { status: 409, description: 'Already paid' } },
  policy: {
    auth: 'user',
    rules: [{ resource: 'invoice', action: 'pay', condition: { anyOf: ['owner', 'admin'] } }],
  },
};

function spec(op: Op): AnyOperationSpec {
  const config = {
    meta: {
      name: 'billing.pay',
      version: op.version,
      description: 'Pay',
      owners: ['team'],
      stability: op.stability,
    },
    io: {
      input: new SchemaModel({ name: 'PayInput', fields: op.input, unknownKeys: op.inputKeys }),
      output: new SchemaModel({ name: 'PayResult', fields: op.output }),
      errors: op.errors,
    },
    policy: op.policy,
    ...(op.exposure === undefined ? {} : { exposure: op.exposure }),
  };
  if (op.kind === 'query') return defineQuery(config);
  return defineCommand({
    ...config,
    ...(op.required === undefined ? {} : { idempotency: { required: op.required } }),
    ...(op.destructive === undefined ? {} : { destructive: op.destructive }),
  });
}

const with_ = (change: Partial<Op>): Op => ({ ...BASE, ...change });
const withInput = (fields: FieldMap): Op => with_({ input: { ...INPUT, ...fields } });
const withOutput = (fields: FieldMap): Op => with_({ output: { ...OUTPUT, ...fields } });
const withRule = (condition: PolicySpec['rules'] extends readonly (infer R)[] | undefined ? R : never): Op =>
  with_({ policy: { auth: 'user', rules: [condition] } });
const without = <T extends object>(record: T, key: keyof T): T => {
  const copy = { ...record };
  delete copy[key];
  return copy;
};

const Decline = (...reasons: string[]) =>
  new SchemaModel({ name: 'Decline', fields: { reason: req(defineEnum('DeclineReason', reasons)) } });

/** [what, before, after, expected `severity kind path` lines (any order), exit code] */
const CASES: [string, Op[], Op[], string[], number][] = [
  ['no change', [BASE], [BASE], [], 0],
  ['operation removed', [BASE], [], ['breaking operation.removed'], 1],
  ['operation added', [], [BASE], ['compatible operation.added'], 0],
  [
    'version removed',
    [BASE, with_({ version: 2 })],
    [with_({ version: 2 })],
    ['breaking version.removed'],
    1,
  ],
  [
    "a new version becomes the default (the old one's MCP tool is renamed)",
    [BASE],
    [BASE, with_({ version: 2 })],
    [
      'compatible version.added',
      'review default-version.changed default',
      'breaking mcp.tool-renamed mcp.tool',
    ],
    1,
  ],
  [
    'kind changed',
    [BASE],
    [with_({ kind: 'query' })],
    [
      'breaking kind.changed kind',
      'review mcp.hint-changed mcp.hints.readOnlyHint',
      'review mcp.hint-changed mcp.hints.destructiveHint',
      'review mcp.hint-changed mcp.hints.idempotentHint',
    ],
    1,
  ],
  [
    'new required input field',
    [BASE],
    [withInput({ reference: req(ScalarTypeEnum.String()) })],
    ['breaking input.property-added-required input.reference'],
    1,
  ],
  [
    'new optional input field',
    [BASE],
    [withInput({ reference: opt(ScalarTypeEnum.String()) })],
    ['compatible input.property-added-optional input.reference'],
    0,
  ],
  [
    'input field made required',
    [BASE],
    [withInput({ note: { ...req(ScalarTypeEnum.String({ maxLength: 200 })), isNullable: true } })],
    ['breaking input.property-made-required input.note'],
    1,
  ],
  [
    'input field made optional',
    [BASE],
    [withInput({ amount: opt(ScalarTypeEnum.PositiveInt()) })],
    ['compatible input.property-made-optional input.amount'],
    0,
  ],
  [
    'input enum value removed',
    [BASE],
    [withInput({ currency: req(currency('EUR')) })],
    ['breaking input.enum-values-removed input.currency'],
    1,
  ],
  [
    'input enum value added',
    [BASE],
    [withInput({ currency: req(currency('EUR', 'USD', 'GBP')) })],
    ['compatible input.enum-values-added input.currency'],
    0,
  ],
  [
    'input minimum raised',
    [BASE],
    [withInput({ amount: req(ScalarTypeEnum.PositiveInt({ min: 100 })) })],
    ['breaking input.minimum-raised input.amount'],
    1,
  ],
  [
    'input maximum added',
    [BASE],
    [withInput({ amount: req(ScalarTypeEnum.PositiveInt({ max: 1000 })) })],
    ['breaking input.maximum-lowered input.amount'],
    1,
  ],
  [
    'input max length lowered',
    [BASE],
    [withInput({ note: { ...opt(ScalarTypeEnum.String({ maxLength: 100 })), isNullable: true } })],
    ['breaking input.maxLength-lowered input.note'],
    1,
  ],
  [
    'input max length raised',
    [BASE],
    [withInput({ note: { ...opt(ScalarTypeEnum.String({ maxLength: 500 })), isNullable: true } })],
    ['compatible input.maxLength-raised input.note'],
    0,
  ],
  [
    'input type changed',
    [BASE],
    [withInput({ amount: req(ScalarTypeEnum.String()) })],
    ['breaking input.type-changed input.amount'],
    1,
  ],
  [
    'input nullable removed',
    [BASE],
    [withInput({ note: opt(ScalarTypeEnum.String({ maxLength: 200 })) })],
    ['breaking input.nullable-removed input.note'],
    1,
  ],
  [
    'input field removed (unknown keys rejected)',
    [BASE],
    [with_({ input: without(INPUT, 'note') })],
    ['breaking input.property-removed input.note'],
    1,
  ],
  [
    'input field removed (unknown keys dropped)',
    [with_({ inputKeys: 'strip' })],
    [with_({ inputKeys: 'strip', input: without(INPUT, 'note') })],
    ['compatible input.property-removed input.note'],
    0,
  ],
  [
    'input default changed',
    [withInput({ priority: { ...opt(ScalarTypeEnum.Int()), default: 1 } })],
    [withInput({ priority: { ...opt(ScalarTypeEnum.Int()), default: 5 } })],
    ['review input.default-changed input.priority'],
    0,
  ],
  [
    'output field removed',
    [BASE],
    [with_({ output: without(OUTPUT, 'receiptUrl') })],
    ['breaking output.property-removed output.receiptUrl'],
    1,
  ],
  [
    'output field added',
    [BASE],
    [withOutput({ fee: opt(ScalarTypeEnum.Int()) })],
    ['compatible output.property-added output.fee'],
    0,
  ],
  [
    'output enum value added',
    [BASE],
    [withOutput({ status: req(status('succeeded', 'failed', 'pending')) })],
    ['breaking output.enum-values-added output.status'],
    1,
  ],
  [
    'output enum value removed',
    [BASE],
    [withOutput({ status: req(status('succeeded')) })],
    ['compatible output.enum-values-removed output.status'],
    0,
  ],
  [
    'output field may be absent',
    [BASE],
    [withOutput({ transactionId: opt(ScalarTypeEnum.String()) })],
    ['breaking output.property-made-optional output.transactionId'],
    1,
  ],
  [
    'output nullable added',
    [BASE],
    [withOutput({ transactionId: { ...req(ScalarTypeEnum.String()), isNullable: true } })],
    ['breaking output.nullable-added output.transactionId'],
    1,
  ],
  [
    'error code added',
    [BASE],
    [with_({ errors: { ...BASE.errors, CARD_DECLINED: { status: 402, description: 'Declined' } } })],
    ['breaking errors.code-added errors.CARD_DECLINED'],
    1,
  ],
  [
    'error code removed',
    [BASE],
    [with_({ errors: {} })],
    ['compatible errors.code-removed errors.ALREADY_PAID'],
    0,
  ],
  [
    'error status changed',
    [BASE],
    [with_({ errors: { ALREADY_PAID: { status: 422, description: 'Already paid' } } })],
    ['breaking errors.status-changed errors.ALREADY_PAID'],
    1,
  ],
  [
    'error data widened',
    [with_({ errors: { DECLINED: { status: 402, description: 'Declined', data: Decline('funds') } } })],
    [
      with_({
        errors: { DECLINED: { status: 402, description: 'Declined', data: Decline('funds', 'fraud') } },
      }),
    ],
    ['breaking output.enum-values-added errors.DECLINED.data.reason'],
    1,
  ],
  [
    'auth raised',
    [BASE],
    [with_({ policy: { ...BASE.policy, auth: 'admin' } })],
    ['breaking policy.auth-raised policy.auth'],
    1,
  ],
  [
    'auth lowered (for review)',
    [with_({ policy: { ...BASE.policy, auth: 'admin' } })],
    [BASE],
    ['review policy.auth-lowered policy.auth'],
    0,
  ],
  [
    'auth moved to another role',
    [with_({ policy: { auth: 'support' } })],
    [with_({ policy: { auth: 'billing' } })],
    ['breaking policy.auth-changed policy.auth'],
    1,
  ],
  [
    'rule dropped (for review)',
    [BASE],
    [with_({ policy: { auth: 'user' } })],
    ['review policy.rule-removed policy.rules[invoice:pay]'],
    0,
  ],
  [
    'rule added',
    [BASE],
    [
      with_({
        policy: {
          ...BASE.policy,
          rules: [
            ...(BASE.policy.rules ?? []),
            { resource: 'customer', action: 'charge', condition: 'sameTenant' },
          ],
        },
      }),
    ],
    ['breaking policy.rule-added policy.rules[customer:charge]'],
    1,
  ],
  [
    'condition narrowed',
    [BASE],
    [withRule({ resource: 'invoice', action: 'pay', condition: 'owner' })],
    ['breaking policy.condition-narrowed policy.rules[invoice:pay]'],
    1,
  ],
  [
    'condition loosened (for review)',
    [withRule({ resource: 'invoice', action: 'pay', condition: 'owner' })],
    [BASE],
    ['review policy.condition-loosened policy.rules[invoice:pay]'],
    0,
  ],
  [
    'existence hidden',
    [BASE],
    [with_({ policy: { ...BASE.policy, hideExistence: true } })],
    ['breaking policy.existence-hidden policy.hideExistence'],
    1,
  ],
  [
    'idempotency key required',
    [BASE],
    [with_({ required: true })],
    [
      'breaking idempotency.key-required idempotency.required',
      'review mcp.hint-changed mcp.hints.idempotentHint',
    ],
    1,
  ],
  [
    'MCP hint changed (for review)',
    [BASE],
    [with_({ destructive: true })],
    ['review mcp.hint-changed mcp.hints.destructiveHint'],
    0,
  ],
  [
    'no longer served on MCP',
    [BASE],
    [with_({ exposure: { mcp: false } })],
    ['breaking exposure.removed exposure.mcp'],
    1,
  ],
  ['deprecated', [BASE], [with_({ stability: 'deprecated' })], ['compatible stability.changed stability'], 0],
  [
    'made beta (for review)',
    [BASE],
    [with_({ stability: 'beta' })],
    ['review stability.changed stability'],
    0,
  ],
];

function snapshotFile(dir: string, name: string, ops: Op[]): string {
  const registry = new SpecRegistry({ tracer: false });
  for (const op of ops) registry.register(spec(op));
  const file = join(dir, `${name}.json`);
  writeFileSync(file, stableJson(buildSnapshot(registry)));
  return file;
}

interface Report {
  readonly breaking: number;
  readonly review: number;
  readonly compatible: number;
  readonly changes: readonly { severity: string; kind: string; path?: string }[];
}

describe('contracts diff classifies each kind of change', () => {
  it('has at least 40 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  it.concurrent.each(CASES)(
    '%s',
    async (_what, before, after, expected, exit) => {
      const dir = scratch('contracts-diff-');
      const run = await contracts([
        'diff',
        '--quiet',
        '--json',
        snapshotFile(dir, 'before', before),
        snapshotFile(dir, 'after', after),
      ]);
      expect(run.stderr).toBe('');
      const report = JSON.parse(run.stdout) as Report;
      const lines = report.changes.map((c) =>
        [c.severity, c.kind, c.path].filter((x) => x !== undefined).join(' '),
      );
      expect(lines.sort()).toEqual([...expected].sort());
      expect(report.breaking).toBe(expected.filter((e) => e.startsWith('breaking')).length);
      expect(run.code).toBe(exit);
    },
    SLOW,
  );
});
