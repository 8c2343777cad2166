import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as entry from './index.js';

const IMPORT =
  /(?:import|export)\s[^'"`]*?from\s*['"]([^'"]+)['"]|import\(\s*(?:\/\*.*?\*\/\s*)*['"]([^'"]+)['"]/g;

/** Every module the public entry reaches, following relative imports. */
function importGraph(start: string): { files: string[]; external: string[] } {
  const seen = new Set<string>();
  const external = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const spec = match[1] ?? match[2] ?? '';
      if (spec.startsWith('.')) queue.push(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      else external.add(spec);
    }
  }
  return { files: [...seen], external: [...external].sort() };
}

describe('public entry @lssm/lib.contracts', () => {
  it('exports exactly this list of runtime symbols', () => {
    expect(Object.keys(entry).sort()).toEqual([
      'BUILT_IN_CONDITIONS',
      'ContractError',
      'DEFAULT_BODY_LIMIT',
      'ERROR_TABLE',
      'MemoryAuditSink',
      'MemoryEventInbox',
      'MemoryIdempotencyStore',
      'MemoryOutbox',
      'MemoryRateLimiter',
      'MemoryUnitOfWork',
      'REDACTED',
      'ResourceResolvers',
      'STABILITIES',
      'SpecRegistry',
      'answerRest',
      'authenticate',
      'authorize',
      'canonicalJson',
      'createRuntime',
      'defaultHasher',
      'defineCommand',
      'defineCondition',
      'defineEvent',
      'defineQuery',
      'defineResource',
      'errorMapping',
      'execute',
      'executeInto',
      'fileSystemDocsAssets',
      'fromFetchRequest',
      'generateOpenApi',
      'handleRest',
      'hasIdentity',
      'installOp',
      'isAdmin',
      'isExposed',
      'isFrameworkCode',
      'isJsonContentType',
      'redact',
      'requestIdFrom',
      'toFetchResponse',
      'webCryptoHasher',
    ]);
  });

  it('documents every export with JSDoc', () => {
    const { files } = importGraph(join(import.meta.dirname, 'index.ts'));
    const text = files.map((f) => readFileSync(f, 'utf8')).join('\n');
    const undocumented = Object.keys(entry).filter((name) => {
      const at = text.search(
        new RegExp(`export (?:declare )?(?:async )?(?:function|class|const|let) ${name}\\b`),
      );
      return (
        at < 0 ||
        !text
          .slice(Math.max(0, at - 400), at)
          .trimEnd()
          .endsWith('*/')
      );
    });
    expect(undocumented).toEqual([]);
  });

  it('imports nothing Node-only and no server code, only @lssm/lib.schema and an optional tracer', () => {
    const { files, external } = importGraph(join(import.meta.dirname, 'index.ts'));
    expect(files.some((f) => f.includes(`${join('src', 'server')}`))).toBe(false);
    expect(external).toEqual(['@lssm/lib.schema', '@opentelemetry/api']);
  });
});
