// Every `contracts` command run as a subprocess against the fixture registry.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contracts, FIXTURE, FIXTURE_NEXT, SLOW, scratch } from './helpers.js';

const registryArgs = ['--registry', FIXTURE];

describe('contracts: usage', () => {
  it.concurrent.each([
    [['--help'], 'Usage: contracts [options] [command]'],
    [['list', '--help'], 'Usage: contracts list [options]'],
    [['openapi', '--help'], 'Usage: contracts openapi [options]'],
    [['docs', '--help'], 'Usage: contracts docs [options]'],
    [['snapshot', '--help'], 'Usage: contracts snapshot [options]'],
    [['diff', '--help'], 'Usage: contracts diff [options] <old> <new>'],
    [['audit', '--help'], 'Usage: contracts audit [options] [command]'],
    [['audit', 'verify', '--help'], 'Usage: contracts audit verify [options]'],
  ])(
    '%j prints its help and exits 0',
    async (args, usage) => {
      const run = await contracts(args);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(usage);
      expect(run.stdout).toContain('--help');
    },
    SLOW,
  );

  it.concurrent.each([
    ['no command', []],
    ['an unknown command', ['deploy']],
    ['a missing argument', ['diff', 'a.json']],
    ['an unknown option', ['list', '--colour']],
    ['a value outside the choices', ['openapi', '--openapi-version', '2.0']],
    [
      'both database options',
      ['audit', 'verify', '--data-dir', '.', '--database-url', 'postgres://x@localhost/db'],
    ],
  ])(
    'exits 2 for %s',
    async (_what, args) => {
      const run = await contracts(args);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).not.toBe('');
    },
    SLOW,
  );
});

describe('contracts list', () => {
  it(
    'prints name, version, kind, stability, owners and auth, with progress and problems on stderr',
    async () => {
      const run = await contracts(['list', ...registryArgs]);
      expect(run.code).toBe(0);
      const lines = run.stdout.trimEnd().split('\n');
      expect(lines[0]?.split(/\s{2,}/)).toEqual(['NAME', 'VERSION', 'KIND', 'STABILITY', 'OWNERS', 'AUTH']);
      expect(lines.slice(1).map((l) => l.split(/\s{2,}/))).toEqual([
        ['billing.capturePayment', '1', 'command', 'stable', 'team-billing', 'user'],
        ['billing.getInvoice', '1', 'query', 'deprecated', 'team-billing', 'user'],
        ['billing.getInvoice', '2', 'query', 'stable', 'team-billing', 'user'],
        ['billing.listInvoices', '1', 'query', 'stable', 'team-billing', 'user'],
        ['billing.refundPayment', '1', 'command', 'beta', 'team-billing,team-support', 'support'],
        ['ops.reindex', '1', 'command', 'experimental', 'team-ops', 'admin'],
      ]);
      expect(run.stderr).toContain(`loading ${FIXTURE}`);
      expect(run.stderr).toContain('loaded 6 operation versions');
      expect(run.stderr).toContain('warning: ops.reindex v1: no handler installed');
    },
    SLOW,
  );

  it(
    'prints JSON with --json, and no progress with --quiet',
    async () => {
      const run = await contracts(['--quiet', 'list', ...registryArgs, '--json']);
      expect(run.code).toBe(0);
      const rows = JSON.parse(run.stdout) as { name: string; owners: string[]; auth: string }[];
      expect(rows).toHaveLength(6);
      expect(rows[4]).toEqual({
        name: 'billing.refundPayment',
        version: 1,
        kind: 'command',
        stability: 'beta',
        owners: ['team-billing', 'team-support'],
        auth: 'support',
      });
      expect(run.stderr).toBe('warning: ops.reindex v1: no handler installed; calls fail with UNAVAILABLE\n');
    },
    SLOW,
  );

  it.concurrent.each([
    [
      'a module that does not exist',
      ['--registry', 'nope/registry.ts'],
      'cannot load nope/registry.ts: no such file',
    ],
    [
      'a module that fails to load',
      ['--registry', 'tests/cli/fixtures/broken.ts'],
      'cannot load tests/cli/fixtures/broken.ts',
    ],
    [
      'an export that does not exist',
      [...registryArgs, '--export', 'nothing'],
      'has no export "nothing" (it exports',
    ],
    [
      'an export that is not a registry',
      [...registryArgs, '--export', 'notARegistry'],
      'is not a SpecRegistry',
    ],
  ])(
    'exits 3 with one line for %s',
    async (_what, args, message) => {
      const run = await contracts(['list', '-q', ...args]);
      expect(run.code).toBe(3);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^contracts: /);
      expect(run.stderr).toContain(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    },
    SLOW,
  );
});

describe('contracts openapi', () => {
  it(
    'writes the OpenAPI 3.1 document to stdout',
    async () => {
      const run = await contracts([
        'openapi',
        '-q',
        ...registryArgs,
        '--title',
        'Billing',
        '--server',
        'https://api.example.com',
      ]);
      expect(run.code).toBe(0);
      const doc = JSON.parse(run.stdout) as {
        openapi: string;
        info: { title: string };
        servers: unknown;
        paths: object;
      };
      expect(doc.openapi).toBe('3.1.0');
      expect(doc.info.title).toBe('Billing');
      expect(doc.servers).toEqual([{ url: 'https://api.example.com' }]);
      expect(Object.keys(doc.paths)).toContain('/api/ops/billing.capturePayment/v1');
      expect(Object.keys(doc.paths)).not.toContain('/api/ops/ops.reindex/v1');
    },
    SLOW,
  );

  it(
    'writes OpenAPI 3.0 to a file with --openapi-version 3.0 --out',
    async () => {
      const out = join(scratch(), 'nested', 'openapi.json');
      const run = await contracts([
        'openapi',
        ...registryArgs,
        '--openapi-version',
        '3.0',
        '--out',
        out,
        '--base-path',
        '/v1/ops',
      ]);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(`wrote OpenAPI 3.0 to ${out}`);
      const doc = JSON.parse(readFileSync(out, 'utf8')) as { openapi: string; paths: object };
      expect(doc.openapi).toBe('3.0.3');
      expect(Object.keys(doc.paths)).toContain('/v1/ops/billing.getInvoice/v2');
    },
    SLOW,
  );
});

describe('contracts docs', () => {
  it(
    'writes a page per served operation and an llms.txt index',
    async () => {
      const out = scratch();
      const run = await contracts(['docs', ...registryArgs, '--out', out, '--title', 'Billing API']);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(`Wrote 5 operation pages and llms.txt to ${out}\n`);
      expect(run.stderr).toContain('[5/5] billing.refundPayment v1');
      expect(readdirSync(out).sort()).toEqual([
        'billing.capturePayment.v1.md',
        'billing.getInvoice.v1.md',
        'billing.getInvoice.v2.md',
        'billing.listInvoices.v1.md',
        'billing.refundPayment.v1.md',
        'llms.txt',
      ]);

      const llms = readFileSync(join(out, 'llms.txt'), 'utf8');
      const lines = llms.split('\n');
      expect(lines[0]).toBe('# Billing API');
      expect(lines[2]).toMatch(/^> 5 operations \(billing\)/);
      expect(lines.filter((l) => l.startsWith('## '))).toEqual(['## billing', '## Optional']);
      expect(llms).toContain(
        '- [billing.capturePayment v1](billing.capturePayment.v1.md): Capture a payment for an invoice (command; MCP tool `billing_capturePayment`)',
      );
      // Deprecated operations are optional reading for agents.
      expect(llms.slice(llms.indexOf('## Optional'))).toContain(
        '[billing.getInvoice v1](billing.getInvoice.v1.md)',
      );
      for (const link of lines.filter((l) => l.startsWith('- ')))
        expect(link).toMatch(/^- \[[a-zA-Z.]+ v\d+\]\([\w.]+\.md\): .+$/);

      const page = readFileSync(join(out, 'billing.capturePayment.v1.md'), 'utf8');
      for (const heading of [
        '# billing.capturePayment v1',
        '## Goal',
        '## Context',
        '## Policy',
        '## Input',
        '## Output',
        '## Errors',
        '## Examples',
      ])
        expect(page).toContain(`${heading}\n`);
      expect(page).toContain('> Capture a payment for an invoice');
      expect(page).toContain('Collect the money owed on an open invoice');
      expect(page).toContain('| Owners | team-billing |');
      expect(page).toContain('- To pay the invoice: the caller owns the invoice.\n');
      expect(page).toContain('Every call needs an idempotency key');
      expect(page).toContain('| `invoiceId` | string | yes |');
      expect(page).toContain('| `note` | string, or null | no | at most 200 characters |');
      expect(page).toContain('| `CARD_DECLINED` | 402 | The card was declined Data: `declineCode`. |');
      expect(page).toContain('| `UNAUTHENTICATED` | 401 |');
      expect(page).toContain('"paymentMethodId": "pm_card_visa"');
      expect(page).toContain("-H 'idempotency-key: <a new UUID per call>'");

      const getV2 = readFileSync(join(out, 'billing.getInvoice.v2.md'), 'utf8');
      expect(getV2).toContain(
        '- To read the invoice: either the caller owns the invoice or the caller is an administrator.\n',
      );
      expect(getV2).toContain('A denial answers NOT_FOUND (404)');
      expect(page).toContain('A denial answers FORBIDDEN (403).');
      const refund = readFileSync(join(out, 'billing.refundPayment.v1.md'), 'utf8');
      expect(refund).toContain('The caller must be signed in and have the role `support`.');
      expect(refund).toContain('At most 10 calls per 60 s per caller');
      const getV1 = readFileSync(join(out, 'billing.getInvoice.v1.md'), 'utf8');
      expect(getV1).toContain(
        '**Deprecated since 2026-01-01; stops working on 2027-01-01; use `billing.getInvoice/v2` instead.**',
      );
    },
    SLOW,
  );

  it(
    'documents internal operations with --include-internal, and links absolutely with --base-url',
    async () => {
      const out = scratch();
      const run = await contracts([
        'docs',
        '-q',
        ...registryArgs,
        '-o',
        out,
        '--include-internal',
        '--base-url',
        'https://docs.example.com/ops',
      ]);
      expect(run.code).toBe(0);
      expect(existsSync(join(out, 'ops.reindex.v1.md'))).toBe(true);
      const llms = readFileSync(join(out, 'llms.txt'), 'utf8');
      expect(llms).toContain('## ops');
      expect(llms).toContain('(https://docs.example.com/ops/ops.reindex.v1.md)');
      expect(readFileSync(join(out, 'ops.reindex.v1.md'), 'utf8')).toContain(
        'no public transport (internal calls only)',
      );
    },
    SLOW,
  );
});

describe('contracts snapshot', () => {
  it(
    'writes a versioned snapshot with sorted keys, the same text on every run',
    async () => {
      const out = join(scratch(), 'snapshot.json');
      const [toStdout, toFile] = await Promise.all([
        contracts(['snapshot', '-q', ...registryArgs]),
        contracts(['snapshot', ...registryArgs, '--out', out]),
      ]);
      expect(toStdout.code).toBe(0);
      expect(toFile.code).toBe(0);
      expect(readFileSync(out, 'utf8')).toBe(toStdout.stdout);
      const snapshot = JSON.parse(toStdout.stdout);
      expect(Object.keys(snapshot)).toEqual(['format', 'operations', 'version']);
      expect(snapshot).toMatchObject({ format: 'lssm-contracts-snapshot', version: 1 });
      const ops = snapshot.operations as Record<string, unknown>[];
      expect(ops.map((op) => `${op.name} v${op.version}`)).toEqual([
        'billing.capturePayment v1',
        'billing.getInvoice v1',
        'billing.getInvoice v2',
        'billing.listInvoices v1',
        'billing.refundPayment v1',
        'ops.reindex v1',
      ]);
      for (const op of ops) expect(Object.keys(op)).toEqual([...Object.keys(op)].sort());
      const [capture, getV1, getV2, , refund, reindex] = ops;
      expect(capture).toMatchObject({
        kind: 'command',
        default: true,
        input: {
          type: 'object',
          required: ['invoiceId', 'amount', 'paymentMethodId'],
          additionalProperties: false,
        },
        errors: {
          CARD_DECLINED: { status: 402, data: { required: ['declineCode'] } },
          ALREADY_PAID: { status: 409 },
        },
        policy: {
          auth: 'user',
          rules: [{ resource: 'invoice', action: 'pay', condition: 'owner' }],
          hideExistence: false,
        },
        idempotency: { required: true },
        exposure: { rest: true, graphql: true, mcp: true, webhook: true },
        mcp: {
          tool: 'billing_capturePayment',
          hints: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
        },
        events: ['billing.invoicePaid'],
      });
      expect(getV1).toMatchObject({
        default: false,
        mcp: { tool: 'billing_getInvoice-v1', hints: { readOnlyHint: true } },
      });
      expect(getV2).toMatchObject({
        default: true,
        mcp: { tool: 'billing_getInvoice' },
        policy: { hideExistence: true },
      });
      expect(refund).toMatchObject({
        mcp: { hints: { destructiveHint: true } },
        rateLimit: { limit: 10, windowSeconds: 60, by: 'actor' },
      });
      expect(reindex).toMatchObject({
        exposure: { rest: false, graphql: false, mcp: false, webhook: false },
        mcp: null,
      });
    },
    SLOW,
  );
});

describe('contracts diff', () => {
  it(
    'compares two registry modules: exit 1 on breaking changes, with the loosened policy for review',
    async () => {
      const run = await contracts(['diff', FIXTURE, FIXTURE_NEXT, '--json']);
      expect(run.code).toBe(1);
      const report = JSON.parse(run.stdout) as {
        breaking: number;
        review: number;
        changes: { kind: string; severity: string; operation: string }[];
      };
      expect(report.changes.map((c) => `${c.severity} ${c.operation} ${c.kind}`)).toEqual([
        'breaking billing.capturePayment v1 input.property-removed',
        'breaking billing.capturePayment v1 output.enum-values-added',
        'review billing.getInvoice v2 policy.rule-removed',
        'review billing.getInvoice v2 policy.existence-revealed',
        'review ops.reindex v1 operation.removed',
        'compatible ops.health v1 operation.added',
      ]);
    },
    SLOW,
  );

  it(
    'compares a snapshot file with a module; the same registry has no changes and exits 0',
    async () => {
      const snapshot = join(scratch(), 'main.json');
      expect((await contracts(['snapshot', '-q', ...registryArgs, '-o', snapshot])).code).toBe(0);
      const same = await contracts(['diff', snapshot, FIXTURE]);
      expect(same.code).toBe(0);
      expect(same.stdout).toBe(`${snapshot} -> ${FIXTURE}: 0 breaking, 0 for review, 0 compatible\n`);
      const changed = await contracts(['diff', '-q', snapshot, FIXTURE_NEXT]);
      expect(changed.code).toBe(1);
      expect(changed.stdout).toContain('Breaking:\n  - billing.capturePayment v1 input.note: field removed');
      expect(changed.stdout).toContain(
        'For review (breaks no client):\n  - billing.getInvoice v2 policy.rules[invoice:read]: rule dropped',
      );
      expect(changed.stderr).toBe('');
    },
    SLOW,
  );

  it(
    'fails on review items too with --fail-on review',
    async () => {
      const dir = scratch();
      const snapshot = JSON.parse((await contracts(['snapshot', '-q', ...registryArgs])).stdout);
      const loosened = structuredClone(snapshot);
      loosened.operations[0].policy.rules = [];
      writeFileSync(join(dir, 'a.json'), JSON.stringify(snapshot));
      writeFileSync(join(dir, 'b.json'), JSON.stringify(loosened));
      const lenient = await contracts(['diff', '-q', join(dir, 'a.json'), join(dir, 'b.json')]);
      const strict = await contracts([
        'diff',
        '-q',
        join(dir, 'a.json'),
        join(dir, 'b.json'),
        '--fail-on',
        'review',
      ]);
      expect(lenient.code).toBe(0);
      expect(strict.code).toBe(1);
      expect(strict.stdout).toContain('policy.rule-removed');
    },
    SLOW,
  );

  it.concurrent.each([
    ['a file that is not JSON', 'not json', 'is not JSON'],
    ['JSON that is not a snapshot', '{"operations":[]}', 'is not a contracts snapshot'],
    [
      'a snapshot of another format version',
      '{"format":"lssm-contracts-snapshot","version":2,"operations":[]}',
      'of format version 2; this CLI reads version 1',
    ],
    [
      'a snapshot with a truncated operation',
      '{"format":"lssm-contracts-snapshot","version":1,"operations":[{"name":"a"}]}',
      'operations[0] lacks version',
    ],
  ])(
    'exits 3 for %s',
    async (_what, text, message) => {
      const file = join(scratch(), 'bad.json');
      writeFileSync(file, text);
      const run = await contracts(['diff', '-q', file, FIXTURE]);
      expect(run.code).toBe(3);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(message);
    },
    SLOW,
  );
});
