#!/usr/bin/env node
// Architecture fences (see README "Layout"): checks import statements of the packages' sources.
//  - @lssm/lib.schema imports nothing of ours, nothing node:*, and has no runtime dependency.
//  - the contracts core (spec, registry, runtime, policy) imports no server folder and nothing node:*.
//  - a contracts server folder imports only the core's public entry, never another server folder;
//    the one exception is server/node-io, the node:http plumbing the Node adapters share, which
//    itself imports no server folder.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

const root = resolve(process.env.FENCE_ROOT ?? resolve(import.meta.dirname, '..'));
const IMPORT =
  /(?:^|[\s;])(?:import|export)\s[^'"`]*?from\s*['"]([^'"]+)['"]|import\(\s*(?:\/\*.*?\*\/\s*)*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm;
const violations = [];

function sourceFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mts)$/.test(name) && !/\.(test|test-d|fixture)\.ts$/.test(name) ? [path] : [];
  });
}

function importsOf(file) {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3]);
}

function check(files, rule) {
  for (const file of files) {
    for (const spec of importsOf(file)) {
      const reason = rule(spec, file);
      if (reason) violations.push(`${relative(root, file)}: imports "${spec}" (${reason})`);
    }
  }
}

const isNodeOnly = (spec) =>
  spec.startsWith('node:') || ['fs', 'path', 'http', 'crypto', 'os', 'child_process'].includes(spec);

// @lssm/lib.schema
const schemaDir = join(root, 'packages/schema');
const schemaPkg = JSON.parse(readFileSync(join(schemaDir, 'package.json'), 'utf8'));
for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
  if (schemaPkg[field] && Object.keys(schemaPkg[field]).length > 0) {
    violations.push(
      `packages/schema/package.json: has ${field} (the schema package has no runtime dependency)`,
    );
  }
}
check(sourceFiles(join(schemaDir, 'src')), (spec) => {
  if (isNodeOnly(spec)) return 'nothing Node-only in @lssm/lib.schema';
  if (!spec.startsWith('.')) return 'no package imports in @lssm/lib.schema';
  return undefined;
});

// @lssm/lib.contracts (from the contracts core issue on)
const contractsSrc = join(root, 'packages/contracts/src');
const core = ['spec', 'registry', 'runtime', 'policy', 'rest', 'openapi', 'client'];
for (const folder of core) {
  check(sourceFiles(join(contractsSrc, folder)), (spec, file) => {
    if (isNodeOnly(spec)) return 'the core imports nothing Node-only';
    const target = resolve(file, '..', spec);
    if (spec.startsWith('.') && target.startsWith(join(contractsSrc, 'server')))
      return 'the core imports no server code';
    return undefined;
  });
}
const serverDir = join(contractsSrc, 'server');
const SHARED_NODE_IO = 'node-io';
if (existsSync(serverDir)) {
  for (const adapter of readdirSync(serverDir)) {
    const adapterDir = join(serverDir, adapter);
    if (!statSync(adapterDir).isDirectory()) continue;
    check(sourceFiles(adapterDir), (spec, file) => {
      if (!spec.startsWith('.')) return undefined;
      const target = resolve(file, '..', spec);
      if (target.startsWith(serverDir + sep) && !target.startsWith(adapterDir + sep)) {
        const other = relative(serverDir, target).split(sep)[0];
        const shared = other === SHARED_NODE_IO && adapter !== SHARED_NODE_IO;
        if (other !== adapter && !shared && !other.endsWith('.ts') && !other.endsWith('.js'))
          return `adapters never import each other (${other})`;
      }
      return undefined;
    });
  }
}

if (violations.length > 0) {
  console.error(`Fence check failed (${violations.length}):\n  ${violations.join('\n  ')}`);
  process.exit(1);
}
console.log('Fence check passed: the schema package and the contracts core keep their boundaries.');
