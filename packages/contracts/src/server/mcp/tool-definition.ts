import type { Tool, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { AnyOperationSpec, DomainErrors } from '../../index.js';
import { toolInputSchema, toolOutputSchema } from './tool-schemas.js';

/** `capturePayment` -> `Capture payment`. */
function words(camel: string): string {
  const spaced = camel.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** A human title from the operation's name: `billing.capturePayment` v2 -> `Capture payment (billing) v2`. */
export function toolTitle(spec: AnyOperationSpec, versioned: boolean): string {
  const segments = spec.meta.name.split('.');
  const action = words(segments.pop() ?? spec.meta.name);
  const title = `${action} (${segments.join('.')})${versioned ? ` v${spec.meta.version}` : ''}`;
  return spec.meta.stability === 'deprecated' ? `${title} [deprecated]` : title;
}

function errorsLine(errors: DomainErrors | undefined): string | undefined {
  const codes = errors === undefined ? [] : Object.keys(errors);
  if (codes.length === 0) return undefined;
  return `Errors it may answer: ${codes.map((code) => `${code} (${errors?.[code]?.description})`).join('; ')}.`;
}

/** What an agent reads: the description, goal and context from the meta, and how to call it safely. */
export function toolDescription(spec: AnyOperationSpec): string {
  const { meta } = spec;
  const lines = [meta.description];
  if (meta.goal !== undefined) lines.push(`Goal: ${meta.goal}.`);
  if (meta.context !== undefined) lines.push(`When: ${meta.context}.`);
  if (meta.stability === 'deprecated') {
    const replacement = meta.deprecation?.replacement;
    lines.push(`Deprecated${replacement === undefined ? '' : `: use ${replacement} instead`}.`);
  }
  if (spec.kind === 'command' && spec.idempotency?.required === true)
    lines.push('Requires an idempotency key: send `_meta.idempotencyKey` with the call.');
  const errors = errorsLine(spec.io.errors);
  if (errors !== undefined) lines.push(errors);
  return lines.join('\n');
}

/**
 * Hints from the spec: queries are read-only; commands are not, are destructive only when the spec
 * says `destructive: true` (MCP assumes destructive otherwise) and idempotent when they declare it.
 */
export function toolAnnotations(spec: AnyOperationSpec, title: string): ToolAnnotations {
  if (spec.kind === 'query') return { title, readOnlyHint: true };
  return {
    title,
    readOnlyHint: false,
    destructiveHint: spec.destructive === true,
    idempotentHint: spec.idempotency !== undefined,
  };
}

/** The MCP tool of one operation version, named `name` (see `toolName`). */
export function toolDefinition(spec: AnyOperationSpec, name: string, versioned: boolean): Tool {
  const title = toolTitle(spec, versioned);
  const tool: Tool = {
    name,
    title,
    description: toolDescription(spec),
    inputSchema: toolInputSchema(spec.io.input),
    annotations: toolAnnotations(spec, title),
  };
  const outputSchema = toolOutputSchema(spec.io.output);
  if (outputSchema !== undefined) tool.outputSchema = outputSchema;
  return tool;
}
