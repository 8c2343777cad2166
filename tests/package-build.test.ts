import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '..');

function run(args: string[], cwd = repo) {
  return spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
}

describe('published packages', () => {
  it('build to JavaScript with .d.ts files that run on plain Node, without the source condition', () => {
    const build = spawnSync('npm', ['run', 'build'], { cwd: repo, encoding: 'utf8' });
    expect(build.stderr.replace(/npm warn.*\n/g, '')).toBe('');
    expect(build.status).toBe(0);
    for (const pkg of ['schema', 'contracts']) {
      expect(existsSync(join(repo, 'packages', pkg, 'dist/index.d.ts'))).toBe(true);
      expect(existsSync(join(repo, 'packages', pkg, 'dist/index.test.js'))).toBe(false);
    }
    // Imported by package name from a folder inside the workspace, as a user's app would.
    const script = `
      const { SchemaModel, ScalarTypeEnum } = await import('@lssm/lib.schema');
      const { defineQuery, installOp, SpecRegistry, execute } = await import('@lssm/lib.contracts');
      const M = new SchemaModel({ name: 'M', fields: { a: { type: ScalarTypeEnum.PositiveInt(), isOptional: false } } });
      const Q = defineQuery({ meta: { name: 'demo.double', version: 1, description: 'Doubles', owners: ['me'], stability: 'stable' },
        io: { input: M, output: M }, policy: { auth: 'anonymous' } });
      const registry = new SpecRegistry();
      installOp(registry, Q, (input) => ({ a: input.a * 2 }));
      const ok = await execute(registry, { name: 'demo.double', input: { a: 21 }, transport: 'internal', context: { actor: 'anonymous' } });
      const bad = await execute(registry, { name: 'demo.double', input: { a: 0 }, transport: 'internal', context: { actor: 'anonymous' } });
      console.log(JSON.stringify([ok.ok && ok.output, bad.ok ? null : bad.error.code]));`;
    const result = run(['--input-type=module', '-e', script], join(repo, 'tests'));
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual([{ a: 42 }, 'INVALID_INPUT']);

    // Every transport entry loads by name from the built files, with its main export.
    const entries = {
      'rest-fetch': 'makeFetchHandler',
      'rest-node': 'createNodeHandler',
      'rest-next-app': 'makeNextAppHandler',
      graphql: 'makeGraphQLHandler',
      mcp: 'makeMcpHandler',
      webhooks: 'makeWebhookHandler',
    };
    const probe = `
      const entries = ${JSON.stringify(entries)};
      const found = {};
      for (const [entry, name] of Object.entries(entries))
        found[entry] = typeof (await import('@lssm/lib.contracts/server/' + entry))[name];
      console.log(JSON.stringify(found));`;
    const loaded = run(['--input-type=module', '-e', probe], join(repo, 'tests'));
    expect(loaded.stderr).toBe('');
    expect(JSON.parse(loaded.stdout)).toEqual(
      Object.fromEntries(Object.keys(entries).map((entry) => [entry, 'function'])),
    );
    expect(existsSync(join(repo, 'packages/contracts/dist/server/mcp/stdio-bin.js'))).toBe(true);
  }, 120_000);
});
