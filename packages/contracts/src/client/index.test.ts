import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as entry from './index.js';
import { newIdempotencyKey } from './index.js';

/** Modules the entry loads at run time (type-only imports are erased), following relative imports. */
function runtimeGraph(start: string): string[] {
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/^(?:import|export)\s+(?!type\b)[^'"]*?from\s*['"]([^'"]+)['"]/gm)) {
      const spec = match[1] ?? '';
      if (spec.startsWith('.')) queue.push(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      else queue.push(spec);
    }
  }
  return [...seen].map((file) =>
    file.startsWith('/') ? relative(resolve(import.meta.dirname, '..'), file) : file,
  );
}

describe('@lssm/lib.contracts/client', () => {
  it('exports exactly these runtime symbols', () => {
    expect(Object.keys(entry).sort()).toEqual([
      'ContractClientError',
      'createClient',
      'newIdempotencyKey',
      'unwrap',
    ]);
  });

  it('loads only its own files and the error table: no pipeline, registry or schema code in a browser bundle', () => {
    expect(runtimeGraph(resolve(import.meta.dirname, 'index.ts')).sort()).toEqual([
      'client/answer.ts',
      'client/call.ts',
      'client/client.ts',
      'client/error.ts',
      'client/idempotency-key.ts',
      'client/index.ts',
      'client/retry.ts',
      'runtime/errors.ts',
    ]);
  });

  it('makes version 4 UUIDs, also without crypto.randomUUID', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(newIdempotencyKey()).toMatch(uuid);
    const original = globalThis.crypto.randomUUID;
    try {
      Object.defineProperty(globalThis.crypto, 'randomUUID', { value: undefined, configurable: true });
      const keys = new Set(Array.from({ length: 50 }, () => newIdempotencyKey()));
      expect(keys.size).toBe(50);
      for (const key of keys) expect(key).toMatch(uuid);
    } finally {
      Object.defineProperty(globalThis.crypto, 'randomUUID', { value: original, configurable: true });
    }
  });
});
