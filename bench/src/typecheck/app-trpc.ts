import { zodObject } from './app-zod.js';
import { type OpShape, sampleObject, useOutput } from './shapes.js';

function opFile(op: OpShape): string {
  const id = op.input[0]?.name ?? 'id';
  return `import * as z from 'zod';
import { t } from '../trpc.js';

export const op${op.index} = t.procedure
  .input(${zodObject(op.input)})
  .output(${zodObject(op.output)})
  .${op.kind === 'command' ? 'mutation' : 'query'}(async ({ input }) => ({
    ${op.output[0]?.name}: input.${id},
    status: input.urgent ? 'rush' : 'ok',
    total: input.quantity * 2.5,
    items: input.quantity,
  }));
`;
}

/**
 * The app written with tRPC 11: a procedure per op (zod 4), routers per group, and typed calls
 * through `createCallerFactory` (`@trpc/client` is not installed; its proxy types are built the same
 * way from `inferRouterOutputs`-style decoration of the router).
 */
export function trpcApp(ops: readonly OpShape[]): Map<string, string> {
  const files = new Map<string, string>();
  files.set(
    'src/trpc.ts',
    "import { initTRPC } from '@trpc/server';\n\nexport const t = initTRPC.create();\n",
  );
  for (const op of ops) files.set(`src/ops/op${op.index}.ts`, opFile(op));
  const groups = [...new Set(ops.map((op) => op.group))];
  const tree = groups.map(
    (g) =>
      `  ${g}: t.router({ ${ops
        .filter((op) => op.group === g)
        .map((op) => `${op.member}: op${op.index}`)
        .join(', ')} }),`,
  );
  files.set(
    'src/router.ts',
    `import { t } from './trpc.js';
${ops.map((op) => `import { op${op.index} } from './ops/op${op.index}.js';`).join('\n')}

export const appRouter = t.router({
${tree.join('\n')}
});

export type AppRouter = typeof appRouter;
`,
  );
  const calls = ops.map(
    (op) => `  {
    const r = await caller.${op.group}.${op.member}(${sampleObject(op.input)});
    ${useOutput(op, 'r')}
  }`,
  );
  files.set(
    'src/client.ts',
    `import { appRouter } from './router.js';
import { t } from './trpc.js';

const caller = t.createCallerFactory(appRouter)({});

export async function callEveryOperation(): Promise<void> {
${calls.join('\n')}
}
`,
  );
  return files;
}
