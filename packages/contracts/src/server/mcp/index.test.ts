import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as entry from './index.js';

const sources = readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith('.ts') && !/\.(test|test-d|fixture)\.ts$/.test(f))
  .map((file) => ({ file, text: readFileSync(join(import.meta.dirname, file), 'utf8') }));

describe('entry @lssm/lib.contracts/server/mcp', () => {
  it('exports exactly this list of runtime symbols, each with JSDoc', () => {
    const names = Object.keys(entry).sort();
    expect(names).toEqual([
      'MAX_TOOL_NAME_LENGTH',
      'McpDispatcher',
      'PROTOCOL_VERSIONS',
      'REPLAYED_META_KEY',
      'ToolCatalog',
      'answerMcpHttp',
      'createMcpNodeHandler',
      'handleMcpHttp',
      'makeMcpHandler',
      'parseToolName',
      'serveStdio',
      'toolName',
    ]);
    const text = sources.map((s) => s.text).join('\n');
    const undocumented = names.filter((name) => {
      const at = text.search(new RegExp(`export (?:async )?(?:function|class|const) ${name}\\b`));
      return at < 0 || !text.slice(0, at).trimEnd().endsWith('*/');
    });
    expect(undocumented).toEqual([]);
  });

  it('needs the MCP SDK at run time only for stdio (the HTTP handlers import its types alone)', () => {
    const runtimeImports = sources.flatMap(({ file, text }) =>
      [...text.matchAll(/^import (?!type )[^;]*?from '(@modelcontextprotocol\/[^']+)'/gm)].map(
        (m) => `${file}: ${m[1]}`,
      ),
    );
    expect(runtimeImports).toEqual([]);
    const dynamic = sources.flatMap(({ file, text }) =>
      [...text.matchAll(/import\('(@modelcontextprotocol\/[^']+)'\)/g)].map((m) => `${file}: ${m[1]}`),
    );
    expect(dynamic).toEqual(['stdio.ts: @modelcontextprotocol/sdk/server/stdio.js']);
  });

  it('reaches nothing Node-only at run time from the entry (the bin is a separate file), so edge runtimes can load it', () => {
    const byFile = new Map(sources.map((s) => [s.file, s.text]));
    const reached = new Set<string>();
    const queue = ['index.ts'];
    while (queue.length > 0) {
      const file = queue.pop() as string;
      if (reached.has(file)) continue;
      reached.add(file);
      for (const m of (byFile.get(file) ?? '').matchAll(
        /^(?:import|export) (?!type )[^;]*?from '\.\/([^']+)\.js'/gm,
      ))
        queue.push(`${m[1]}.ts`);
    }
    expect(reached.has('stdio-bin.ts')).toBe(false);
    const nodeImports = [...reached].flatMap((file) =>
      [...(byFile.get(file) ?? '').matchAll(/^import (?!type )[^;]*?from '(node:[^']+)'/gm)].map(
        (m) => `${file}: ${m[1]}`,
      ),
    );
    expect(nodeImports).toEqual([]);
    expect(reached.size).toBeGreaterThan(8);
  });
});
