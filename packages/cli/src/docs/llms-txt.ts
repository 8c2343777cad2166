import type { SnapshotOperation } from '../snapshot/types.js';
import { pageFileName } from './operation-page.js';

/** Options of {@link llmsTxt}. */
export interface LlmsTxtOptions {
  /** The H1 (default `Operations`). */
  readonly title?: string;
  /** The blockquote under it (default: a count of the operations and their domains). */
  readonly summary?: string;
  /** Prefix of the page links, e.g. `https://example.com/docs/ops/` (default: relative links). */
  readonly baseUrl?: string;
  /** The REST base path (default `/api/ops`). */
  readonly basePath?: string;
}

function domainOf(name: string): string {
  return name.split('.')[0] ?? name;
}

function entry(op: SnapshotOperation, baseUrl: string): string {
  const how: string[] = [op.kind];
  if (op.mcp !== null) how.push(`MCP tool \`${op.mcp.tool}\``);
  if (op.stability !== 'stable') how.push(op.stability);
  return `- [${op.name} v${op.version}](${baseUrl}${pageFileName(op)}): ${op.description} (${how.join('; ')})`;
}

/**
 * An `llms.txt` index of the operation pages (https://llmstxt.org): an H1 title, a blockquote
 * summary, how to call operations, then one H2 section of links per domain; deprecated operations
 * go under `## Optional`, the section agents may skip.
 */
export function llmsTxt(operations: readonly SnapshotOperation[], options: LlmsTxtOptions = {}): string {
  const baseUrl = options.baseUrl === undefined ? '' : options.baseUrl.replace(/\/?$/, '/');
  const basePath = (options.basePath ?? '/api/ops').replace(/\/+$/, '');
  const current = operations.filter((op) => op.stability !== 'deprecated');
  const deprecated = operations.filter((op) => op.stability === 'deprecated');
  const domains = [...new Set(operations.map((op) => domainOf(op.name)))].sort();
  const summary =
    options.summary ??
    `${operations.length} operation${operations.length === 1 ? '' : 's'} (${domains.join(', ')}), each with its goal, policy, input, output, errors and examples.`;
  const out = [
    `# ${options.title ?? 'Operations'}`,
    '',
    `> ${summary}`,
    '',
    `Call an operation with \`POST ${basePath}/{name}/v{version}\` and its input as a JSON body (\`Content-Type: application/json\`). Errors answer \`{ "error": { "code", "message", "issues"?, "data"?, "requestId" } }\`. Send an \`Idempotency-Key\` header with commands so retries run once. Over MCP, each operation is the tool named below.`,
  ];
  for (const domain of domains) {
    const ops = current.filter((op) => domainOf(op.name) === domain);
    if (ops.length === 0) continue;
    out.push('', `## ${domain}`, '', ...ops.map((op) => entry(op, baseUrl)));
  }
  if (deprecated.length > 0) out.push('', '## Optional', '', ...deprecated.map((op) => entry(op, baseUrl)));
  return `${out.join('\n')}\n`;
}
