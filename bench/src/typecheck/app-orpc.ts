import { zodObject } from './app-zod.js';
import { type OpShape, sampleObject, useOutput } from './shapes.js';

function opFile(op: OpShape): string {
  const id = op.input[0]?.name ?? 'id';
  return `import { os } from '@orpc/server';
import * as z from 'zod';

export const op${op.index} = os
  .input(${zodObject(op.input)})
  .output(${zodObject(op.output)})
  .handler(async ({ input }) => ({
    ${op.output[0]?.name}: input.${id},
    status: input.urgent ? 'rush' : 'ok',
    total: input.quantity * 2.5,
    items: input.quantity,
  }));
`;
}

/** The app written with oRPC 1: a procedure per op (zod 4), the router, a typed `@orpc/client`. */
export function orpcApp(ops: readonly OpShape[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const op of ops) files.set(`src/ops/op${op.index}.ts`, opFile(op));
  const groups = [...new Set(ops.map((op) => op.group))];
  const tree = groups.map(
    (g) =>
      `  ${g}: { ${ops
        .filter((op) => op.group === g)
        .map((op) => `${op.member}: op${op.index}`)
        .join(', ')} },`,
  );
  files.set(
    'src/router.ts',
    `${ops.map((op) => `import { op${op.index} } from './ops/op${op.index}.js';`).join('\n')}

export const router = {
${tree.join('\n')}
};
`,
  );
  const calls = ops.map(
    (op) => `  {
    const r = await client.${op.group}.${op.member}(${sampleObject(op.input)});
    ${useOutput(op, 'r')}
  }`,
  );
  files.set(
    'src/client.ts',
    `import { createORPCClient } from '@orpc/client';
import { RPCLink } from '@orpc/client/fetch';
import type { RouterClient } from '@orpc/server';
import type { router } from './router.js';

const client: RouterClient<typeof router> = createORPCClient(new RPCLink({ url: 'http://localhost:3000/rpc' }));

export async function callEveryOperation(): Promise<void> {
${calls.join('\n')}
}
`,
  );
  return files;
}
