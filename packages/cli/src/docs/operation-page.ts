import { ERROR_TABLE, type FrameworkErrorCode } from '@lssm/lib.contracts';
import type { Schema } from '../diff/normalize.js';
import { OPAQUE, type SnapshotOperation } from '../snapshot/types.js';
import { policyInWords } from './policy-words.js';
import { sampleOf } from './sample.js';
import { cell, fieldRows, fieldTable } from './schema-table.js';

/** Where pages say operations are served. */
export interface PageOptions {
  /** The REST base path (default `/api/ops`). */
  readonly basePath?: string;
}

/** The file name of an operation's page: `billing.capturePayment.v1.md`. */
export function pageFileName(op: Pick<SnapshotOperation, 'name' | 'version'>): string {
  return `${op.name}.v${op.version}.md`;
}

function json(value: unknown): string {
  return ['```json', JSON.stringify(value, null, 2), '```'].join('\n');
}

function schemaSection(schema: Schema): string {
  const opaque = schema[OPAQUE];
  if (opaque !== undefined)
    return `Described by a ${String(opaque)} schema, which has no JSON Schema here; the server validates it.`;
  return fieldTable(schema);
}

function frameworkErrors(op: SnapshotOperation): [FrameworkErrorCode, string][] {
  const rows: [FrameworkErrorCode, string][] = [
    ['INVALID_INPUT', 'The input does not match the schema; `issues` lists every problem.'],
  ];
  if (op.policy.auth !== 'anonymous') rows.push(['UNAUTHENTICATED', 'No signed-in caller.']);
  const roles = op.policy.auth !== 'anonymous' && op.policy.auth !== 'user';
  const rules = op.policy.rules.length > 0;
  if (roles || (rules && !op.policy.hideExistence))
    rows.push(['FORBIDDEN', 'The policy denies this caller.']);
  if (rules && op.policy.hideExistence)
    rows.push(['NOT_FOUND', 'The resource does not exist, or the policy denies this caller.']);
  if (op.kind === 'command')
    rows.push([
      'CONFLICT',
      'The idempotency key was used with another input, or its first call is still running (`Retry-After`).',
    ]);
  if (op.rateLimit !== null) rows.push(['RATE_LIMITED', 'Too many calls; wait for `Retry-After` seconds.']);
  rows.push(
    ['INTERNAL', 'A server fault; quote the `requestId`.'],
    ['UNAVAILABLE', 'Try again later (`Retry-After`).'],
  );
  return rows;
}

function errorsSection(op: SnapshotOperation): string {
  const lines = ['| Code | HTTP | When |', '| --- | --- | --- |'];
  for (const [code, error] of Object.entries(op.errors)) {
    const fields =
      error.data === undefined ? [] : fieldRows(error.data).filter((row) => !row.path.includes('.'));
    const data = fields.length === 0 ? '' : ` Data: ${fields.map((row) => `\`${row.path}\``).join(', ')}.`;
    lines.push(`| \`${code}\` | ${error.status} | ${cell(error.description)}${cell(data)} |`);
  }
  for (const [code, when] of frameworkErrors(op))
    lines.push(`| \`${code}\` | ${ERROR_TABLE[code].http} | ${when} |`);
  return lines.join('\n');
}

function examples(op: SnapshotOperation, path: string): string[] {
  const input = sampleOf(op.input);
  const made = !(Array.isArray(op.input.examples) && op.input.examples.length > 0);
  const headers = ["-H 'content-type: application/json'"];
  if (op.policy.auth !== 'anonymous') headers.push("-H 'authorization: Bearer <token>'");
  if (op.kind === 'command') headers.push("-H 'idempotency-key: <a new UUID per call>'");
  const out = [
    '## Examples',
    '',
    made ? 'Input (a sample made from the schema):' : 'Input:',
    '',
    json(input),
    '',
    'Over REST:',
    '',
    '```sh',
    `curl -X POST "https://<host>${path}" ${headers.join(' ')} \\`,
    `  -d '${JSON.stringify(input).replaceAll("'", "'\\''")}'`,
    '```',
  ];
  if (op.mcp !== null)
    out.push('', `Over MCP: call the tool \`${op.mcp.tool}\` with the input as its arguments.`);
  if (Array.isArray(op.output.examples) && op.output.examples.length > 0)
    out.push('', 'Output:', '', json(op.output.examples[0]));
  return out;
}

function facts(op: SnapshotOperation, path: string, basePath: string): string[] {
  const rows: [string, string][] = [
    ['Kind', op.kind === 'command' ? 'command (changes state)' : 'query (reads only)'],
    ['Stability', op.stability],
    ['Owners', op.owners.join(', ')],
  ];
  if (op.tags.length > 0) rows.push(['Tags', op.tags.join(', ')]);
  if (op.exposure.rest) {
    const unversioned = op.default
      ? ` (also \`${basePath}/${op.name}\`, the version calls without one run)`
      : '';
    rows.push(['REST', `\`POST ${path}\`${op.kind === 'query' ? ' or `GET`' : ''}${unversioned}`]);
  }
  if (op.mcp !== null) rows.push(['MCP tool', `\`${op.mcp.tool}\``]);
  const served = (['rest', 'graphql', 'mcp', 'webhook'] as const).filter((t) => op.exposure[t]);
  rows.push([
    'Served on',
    served.length === 0 ? 'no public transport (internal calls only)' : served.join(', '),
  ]);
  if (op.events.length > 0) rows.push(['Emits', op.events.map((e) => `\`${e}\``).join(', ')]);
  return ['| | |', '| --- | --- |', ...rows.map(([k, v]) => `| ${k} | ${cell(v)} |`)];
}

/**
 * The markdown page of one operation: what it is for (goal, context), who owns it, its policy in
 * plain words, its input and output fields, its errors and examples. Made from the snapshot, so it
 * says exactly what the registry serves.
 */
export function operationPage(op: SnapshotOperation, options: PageOptions = {}): string {
  const basePath = (options.basePath ?? '/api/ops').replace(/\/+$/, '');
  const path = `${basePath}/${op.name}/v${op.version}`;
  const out = [`# ${op.name} v${op.version}`, '', `> ${op.description}`, '', ...facts(op, path, basePath)];
  if (op.stability === 'deprecated') {
    const d = op.deprecation ?? {};
    const parts = [d.since === undefined ? 'Deprecated' : `Deprecated since ${d.since}`];
    if (d.sunset !== undefined) parts.push(`stops working on ${d.sunset}`);
    if (d.replacement !== undefined) parts.push(`use \`${d.replacement}\` instead`);
    out.push('', `**${parts.join('; ')}.**`);
  }
  if (op.goal !== undefined) out.push('', '## Goal', '', op.goal);
  if (op.context !== undefined) out.push('', '## Context', '', op.context);
  out.push('', '## Policy', '', ...policyInWords(op).map((line) => `- ${line}`));
  out.push('', '## Input', '', schemaSection(op.input), '', '## Output', '', schemaSection(op.output));
  out.push(
    '',
    '## Errors',
    '',
    errorsSection(op),
    '',
    'Error answers have the body `{ "error": { "code", "message", "issues"?, "data"?, "requestId" } }`.',
  );
  out.push('', ...examples(op, path));
  return `${out.join('\n')}\n`;
}
