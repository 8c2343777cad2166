import { type FieldKind, type FieldShape, type OpShape, sampleObject, useOutput } from './shapes.js';

const SCALAR: Record<FieldKind, string> = {
  id: 'ScalarTypeEnum.NonEmptyString()',
  text: 'ScalarTypeEnum.String()',
  count: 'ScalarTypeEnum.PositiveInt()',
  amount: 'ScalarTypeEnum.Number()',
  flag: 'ScalarTypeEnum.Boolean()',
  email: 'ScalarTypeEnum.Email()',
};

function model(name: string, fields: readonly FieldShape[]): string {
  const lines = fields.map((f) => `    ${f.name}: { type: ${SCALAR[f.kind]}, isOptional: ${f.optional} },`);
  return `new SchemaModel({\n  name: '${name}',\n  fields: {\n${lines.join('\n')}\n  },\n})`;
}

function opFile(op: OpShape): string {
  const define = op.kind === 'command' ? 'defineCommand' : 'defineQuery';
  const id = op.input[0]?.name ?? 'id';
  return `import { ${define}, installOp, type SpecRegistry } from '@lssm/lib.contracts';
import { ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';

const Input = ${model(`Op${op.index}Input`, op.input)};

const Output = ${model(`Op${op.index}Output`, op.output)};

export const Op${op.index} = ${define}({
  meta: { name: '${op.group}.${op.member}', version: 1, description: 'Operation ${op.index}', owners: ['app'], stability: 'stable' },
  io: { input: Input, output: Output },
  policy: { auth: 'user' },
});

export function install${op.index}(registry: SpecRegistry): void {
  installOp(registry, Op${op.index}, async (input) => ({
    ${op.output[0]?.name}: input.${id},
    status: input.urgent ? 'rush' : 'ok',
    total: input.quantity * 2.5,
    items: input.quantity,
  }));
}
`;
}

/** The app written with `@lssm/lib.contracts`: a spec and handler per op, the registry, a typed client. */
export function oursApp(ops: readonly OpShape[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const op of ops) files.set(`src/ops/op${op.index}.ts`, opFile(op));
  const imports = ops.map(
    (op) => `import { install${op.index}, Op${op.index} } from './ops/op${op.index}.js';`,
  );
  const groups = [...new Set(ops.map((op) => op.group))];
  const tree = groups.map(
    (g) =>
      `  ${g}: { ${ops
        .filter((op) => op.group === g)
        .map((op) => `${op.member}: Op${op.index}`)
        .join(', ')} },`,
  );
  files.set(
    'src/app.ts',
    `import { SpecRegistry } from '@lssm/lib.contracts';
${imports.join('\n')}

export const operations = {
${tree.join('\n')}
};

export function buildRegistry(): SpecRegistry {
  const registry = new SpecRegistry();
${ops.map((op) => `  install${op.index}(registry);`).join('\n')}
  return registry;
}
`,
  );
  const calls = ops.map(
    (op) => `  {
    const r = await api.${op.group}.${op.member}(${sampleObject(op.input)});
    if (r.ok) { ${useOutput(op, 'r.output')} }
  }`,
  );
  files.set(
    'src/client.ts',
    `import { createClient } from '@lssm/lib.contracts/client';
import { operations } from './app.js';

const api = createClient({ baseUrl: 'http://localhost:3000', operations });

export async function callEveryOperation(): Promise<void> {
${calls.join('\n')}
}
`,
  );
  return files;
}
