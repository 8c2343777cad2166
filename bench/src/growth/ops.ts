import {
  type AnyOperationSpec,
  defineCommand,
  defineQuery,
  installOp,
  SpecRegistry,
} from '@lssm/lib.contracts';
import { ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';

/** The input every generated command accepts (what the timed request sends). */
export interface GeneratedInput {
  readonly id: string;
  readonly quantity: number;
  readonly note: string;
  readonly active: boolean;
  readonly email?: string;
}

/** A request body valid for every generated command. */
export const GENERATED_BODY = JSON.stringify({
  id: 'item_42',
  quantity: 3,
  note: 'growth bench',
  active: true,
  email: 'a@example.com',
});

function inputModel(i: number) {
  return new SchemaModel({
    name: `Op${i}Input`,
    fields: {
      id: { type: ScalarTypeEnum.NonEmptyString({ maxLength: 64 }), isOptional: false },
      quantity: { type: ScalarTypeEnum.PositiveInt({ max: 1000 }), isOptional: false },
      note: { type: ScalarTypeEnum.String({ maxLength: 500 }), isOptional: false },
      active: { type: ScalarTypeEnum.Boolean(), isOptional: false },
      email: { type: ScalarTypeEnum.Email(), isOptional: true },
    },
  });
}

function outputModel(i: number) {
  return new SchemaModel({
    name: `Op${i}Output`,
    fields: {
      id: { type: ScalarTypeEnum.String(), isOptional: false },
      total: { type: ScalarTypeEnum.Number(), isOptional: false },
      status: { type: ScalarTypeEnum.String(), isOptional: false },
      updatedAt: { type: ScalarTypeEnum.DateTime(), isOptional: false },
    },
  });
}

/** The name of generated op `i`: ten domains, so names look like an app's (`domain3.op42`). */
export function opName(i: number): string {
  return `domain${i % 10}.op${i}`;
}

/** Op `i`'s spec: even ones are commands, odd ones queries; each has its own models. */
export function generatedSpec(i: number): AnyOperationSpec {
  const config = {
    meta: {
      name: opName(i),
      version: 1,
      description: `Generated operation ${i}`,
      owners: ['bench'],
      stability: 'stable' as const,
    },
    io: { input: inputModel(i), output: outputModel(i) },
    policy: { auth: 'user' as const },
  };
  return i % 2 === 0 ? defineCommand(config) : defineQuery(config);
}

const NOW = new Date('2026-01-01T00:00:00Z');

/** A registry (the default in-memory runtime) with `count` distinct generated ops installed. */
export function generatedRegistry(count: number): SpecRegistry {
  const registry = new SpecRegistry();
  for (let i = 0; i < count; i++) {
    installOp(registry, generatedSpec(i), (input) => {
      const body = input as GeneratedInput;
      return { id: body.id, total: body.quantity * 2, status: 'ok', updatedAt: NOW };
    });
  }
  return registry;
}

/** The command nearest the middle of `count` ops (the one the benchmark calls). */
export function middleCommand(count: number): number {
  const middle = Math.floor(count / 2);
  return middle % 2 === 0 ? middle : middle - 1;
}
