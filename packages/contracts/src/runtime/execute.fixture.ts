// Shared by the pipeline tests: small models, a spec meta builder, callers and helpers.
import { ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';
import type { SpecRegistry } from '../registry/registry.js';
import { defineCommand } from '../spec/operation.js';
import type { OperationMeta, Stability } from '../spec/types.js';
import type { ContractError } from './errors.js';
import { type ExecuteRequest, execute } from './execute.js';

export const Pay = new SchemaModel({
  name: 'Pay',
  fields: {
    invoiceId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false },
    amount: { type: ScalarTypeEnum.PositiveInt(), isOptional: false },
  },
});
export const Paid = new SchemaModel({
  name: 'Paid',
  fields: { status: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false } },
});
export const Empty = new SchemaModel({ name: 'Empty', fields: {} });

/** `billing.pay`: a command taking {@link Pay}, answering {@link Paid}, for signed-in users. */
export const PayInvoice = defineCommand({
  meta: meta('billing.pay'),
  io: { input: Pay, output: Paid },
  policy: { auth: 'user' },
});

/** The meta of a test operation. */
export function meta(name: string, version = 1, stability: Stability = 'stable'): OperationMeta {
  return { name, version, stability, description: `${name} v${version}`, owners: ['team-test'] };
}

export const alice = { actor: 'user', userId: 'alice' } as const;
export const anonymous = { actor: 'anonymous' } as const;
export const valid = { invoiceId: 'inv_1', amount: 100 };

/** Runs a call as alice over REST with a valid body unless the request says otherwise. */
export function call(registry: SpecRegistry, request: Partial<ExecuteRequest> & { name: string }) {
  return execute(registry, { input: valid, transport: 'rest', context: alice, ...request });
}

/** The error of a failed result (throws when the call succeeded). */
export function failure(result: Awaited<ReturnType<typeof execute>>): ContractError {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.output)}`);
  return result.error;
}
