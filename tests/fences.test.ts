import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const script = resolve(import.meta.dirname, '../scripts/check-fences.mjs');

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'fences-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

function run(root: string) {
  return spawnSync(process.execPath, [script], {
    env: { ...process.env, FENCE_ROOT: root },
    encoding: 'utf8',
  });
}

const schemaPkg = JSON.stringify({ name: '@lssm/lib.schema' });

describe('architecture fences', () => {
  it('lets adapters share the node plumbing (server/node-io)', () => {
    const result = run(
      tree({
        'packages/schema/package.json': schemaPkg,
        'packages/contracts/src/server/mcp/a.ts': "import { readNodeBody } from '../node-io/index.js';\n",
        'packages/contracts/src/server/node-io/index.ts': "export { x } from './x.js';\n",
      }),
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('passes on the real repository', () => {
    const result = spawnSync(process.execPath, [script], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it.each([
    [
      'a node: import in the schema package',
      { 'packages/schema/src/a.ts': "import { x } from 'node:fs';\n" },
    ],
    [
      'a package import in the schema package',
      { 'packages/schema/src/a.ts': "import type { X } from 'zod';\n" },
    ],
    [
      'a server import in the contracts core',
      { 'packages/contracts/src/runtime/a.ts': "import { h } from '../server/rest-fetch/handler.js';\n" },
    ],
    [
      'node: in the contracts core',
      { 'packages/contracts/src/policy/a.ts': "export { x } from 'node:crypto';\n" },
    ],
    [
      'one adapter importing another',
      { 'packages/contracts/src/server/graphql/a.ts': "import { y } from '../rest-fetch/handler.js';\n" },
    ],
    [
      'the shared node plumbing importing an adapter',
      { 'packages/contracts/src/server/node-io/a.ts': "import { y } from '../rest-node/handler.js';\n" },
    ],
  ])('fails on %s', (_name, files) => {
    const result = run(tree({ 'packages/schema/package.json': schemaPkg, ...files }));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Fence check failed');
  });

  it('fails when the schema package gains a runtime dependency', () => {
    const pkg = JSON.stringify({ name: '@lssm/lib.schema', dependencies: { zod: '^4' } });
    const result = run(tree({ 'packages/schema/package.json': pkg }));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('dependencies');
  });
});
