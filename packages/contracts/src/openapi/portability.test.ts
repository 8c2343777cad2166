import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const HERE = import.meta.dirname;
const IMPORT =
  /(?:import|export)\s[^'"`]*?from\s*['"]([^'"]+)['"]|import\(\s*(?:\/\*.*?\*\/\s*)*['"]([^'"]+)['"]/g;
/** Type-only imports vanish at run time. */
const TYPE_ONLY = /^(?:import|export)\s+type\s/;

/** Every module `start` reaches at run time through relative imports, and the packages it loads. */
function importGraph(start: string): { files: string[]; external: string[] } {
  const seen = new Set<string>();
  const external = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      if (TYPE_ONLY.test(match[0])) continue;
      const spec = match[1] ?? match[2] ?? '';
      if (spec.startsWith('.')) queue.push(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      else external.add(spec);
    }
  }
  return { files: [...seen], external: [...external].sort() };
}

describe('the OpenAPI generator runs on any JS runtime', () => {
  it('loads nothing Node-only and no transport at run time, only @lssm/lib.schema', () => {
    const { files, external } = importGraph(join(HERE, 'index.ts'));
    expect(external).toEqual(['@lssm/lib.schema']);
    expect(files).toContain(join(HERE, 'generate.ts'));
    for (const file of files) expect(file, file).not.toMatch(/[\\/](server|rest)[\\/]/);
  });

  it('no source file of the folder (tests and fixtures aside) imports node:*', () => {
    const sources = readdirSync(HERE).filter((f) => f.endsWith('.ts') && !/\.(test|fixture)\.ts$/.test(f));
    expect(sources.length).toBeGreaterThan(5);
    for (const file of sources) {
      const specs = [...readFileSync(join(HERE, file), 'utf8').matchAll(IMPORT)].map((m) => m[1] ?? m[2]);
      expect(
        specs.filter((s) => s?.startsWith('node:')),
        file,
      ).toEqual([]);
    }
  });
});

describe('documentation', () => {
  it('every export of the folder has JSDoc', () => {
    const sources = readdirSync(HERE).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    const undocumented: string[] = [];
    for (const file of sources) {
      const text = readFileSync(join(HERE, file), 'utf8');
      for (const match of text.matchAll(
        /^export (?:declare )?(?:async )?(?:function|class|const|interface|type) (\w+)/gm,
      )) {
        if (!text.slice(0, match.index).trimEnd().endsWith('*/')) undocumented.push(`${file}: ${match[1]}`);
      }
    }
    expect(undocumented).toEqual([]);
  });
});
