import { describe, expect, it } from 'vitest';
import { parseBinArgs } from './bin-args.js';

describe('contracts-mcp arguments', () => {
  it('takes the registry module with defaults for everything else', () => {
    expect(parseBinArgs(['./lib/registry.js'])).toEqual({
      ok: true,
      options: {
        registryModule: './lib/registry.js',
        registryExport: 'registry',
        contextExport: 'createContext',
        tokenEnv: 'CONTRACTS_MCP_TOKEN',
      },
    });
  });

  it('reads every option', () => {
    const args = [
      './r.js',
      '--export',
      'ops',
      '--context',
      './c.js',
      '--context-export',
      'ctx',
      '--token-env',
      'TOK',
      '--name',
      'billing',
    ];
    expect(parseBinArgs(args)).toEqual({
      ok: true,
      options: {
        registryModule: './r.js',
        registryExport: 'ops',
        contextModule: './c.js',
        contextExport: 'ctx',
        tokenEnv: 'TOK',
        serverName: 'billing',
      },
    });
  });

  it.each([
    ['no module', []],
    ['two modules', ['./a.js', './b.js']],
    ['an unknown option', ['./a.js', '--token', 'secret']],
    ['an option without its value', ['./a.js', '--export']],
  ])('refuses %s', (_what, argv) => {
    const parsed = parseBinArgs(argv);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).not.toBe('');
  });

  it('answers --help with the usage (an empty message)', () => {
    expect(parseBinArgs(['--help'])).toEqual({ ok: false, message: '' });
  });
});
