// The `contracts-mcp` bin itself, spawned from source as a host (Claude Desktop, an IDE) would.
import { spawn } from 'node:child_process';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { BIN, connectStdio, REPO, STDIO_APP, toolError } from './helpers.js';

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the bin with stdin closed at once, as a host that never speaks would. */
function runBin(args: string[], env: Record<string, string> = {}): Promise<Exit> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--conditions=@lssm/source', '--import', 'tsx', BIN, ...args], {
      cwd: REPO,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end();
  });
}

describe('contracts-mcp', () => {
  it('prints its usage for --help, on stderr (stdout belongs to the protocol)', async () => {
    const exit = await runBin(['--help']);
    expect(exit).toMatchObject({ code: 0, stdout: '' });
    expect(exit.stderr).toContain('Usage: contracts-mcp <registry-module>');
  }, 30_000);

  it.each([
    ['no registry module', [], 2, 'Give exactly one registry module'],
    ['a module that does not exist', ['./nope/registry.js'], 1, 'cannot load ./nope/registry.js'],
    [
      'an export that does not exist',
      [STDIO_APP, '--export', 'nothing'],
      1,
      'exports neither "nothing" nor "default"',
    ],
    [
      'an export that is not a registry',
      [STDIO_APP, '--export', 'createContext'],
      1,
      'is not a SpecRegistry',
    ],
    [
      'a context export that is not a function',
      [STDIO_APP, '--context', STDIO_APP, '--context-export', 'registry'],
      1,
      'is not a function',
    ],
  ])(
    'exits with a message for %s',
    async (_what, args, code, message) => {
      const exit = await runBin(args);
      expect(exit.code).toBe(code);
      expect(exit.stdout).toBe('');
      expect(exit.stderr).toContain(message);
    },
    30_000,
  );

  it('serves, with what the app logs sent to stderr; without --context every call is anonymous', async () => {
    const stderr: string[] = [];
    const client = await connectStdio('alice', stderr);
    try {
      expect(stderr.join('')).toContain('stdio-app loaded');
      const paid = (await client.callTool({
        name: 'billing_capturePayment',
        arguments: { invoiceId: 'inv_1', amount: 1, currency: 'usd', paymentMethodId: 'pm_card_visa' },
      })) as CallToolResult;
      expect(paid.isError).toBeFalsy();
    } finally {
      await client.close();
    }
    const exit = await runBin([STDIO_APP], { CONTRACTS_MCP_TOKEN: 'alice' });
    expect(exit.stderr).toContain('CONTRACTS_MCP_TOKEN is set but no --context reads it');
  }, 30_000);

  it('reads the token from the variable --token-env names', async () => {
    const { StdioClientTransport } = await import('@modelcontextprotocol/sdk/client/stdio.js');
    const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [
        '--conditions=@lssm/source',
        '--import',
        'tsx',
        BIN,
        STDIO_APP,
        '--context',
        STDIO_APP,
        '--token-env',
        'BILLING_TOKEN',
      ],
      env: { BILLING_TOKEN: 'bob', CONTRACTS_MCP_TOKEN: 'alice' },
      cwd: REPO,
      stderr: 'pipe',
    });
    const client = new Client({ name: 'mcp-e2e', version: '1.0.0' });
    await client.connect(transport);
    try {
      const result = (await client.callTool({
        name: 'billing_capturePayment',
        arguments: { invoiceId: 'inv_1', amount: 1, currency: 'usd', paymentMethodId: 'pm_card_visa' },
      })) as CallToolResult;
      // bob is signed in (not UNAUTHENTICATED) but does not own alice's invoice.
      expect(toolError(result).code).toBe('FORBIDDEN');
    } finally {
      await client.close();
    }
  }, 30_000);
});
