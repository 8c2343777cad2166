/**
 * Tool names: the operation's name with its dots turned into underscores
 * (`billing.capturePayment` -> `billing_capturePayment`), because many MCP hosts and model APIs
 * accept only `^[a-zA-Z0-9_-]{1,64}$` even though the MCP spec allows dots. Operation names never
 * contain underscores or dashes, so the mapping is reversible; a version other than the one served
 * by default is suffixed `-v<N>` (`catalog_getProduct-v2`).
 */
const TOOL_NAME = /^([a-z][A-Za-z0-9]*(?:_[a-z][A-Za-z0-9]*)+)(?:-v([1-9][0-9]{0,8}))?$/;

/** The longest tool name hosts such as Claude Desktop accept. */
export const MAX_TOOL_NAME_LENGTH = 64;

/**
 * The tool name of an operation: pass `version` only for a version other than the default one.
 * @example toolName('billing.capturePayment') === 'billing_capturePayment'; toolName('catalog.getProduct', 2) === 'catalog_getProduct-v2'
 */
export function toolName(operation: string, version?: number): string {
  const base = operation.replaceAll('.', '_');
  return version === undefined ? base : `${base}-v${version}`;
}

/** What a tool name stands for: the operation, and its version when not the default one. */
export type ToolTarget = { readonly name: string; readonly version?: number };

/** The tool names parsed lately (pure results, frozen); bounded, as callers choose the names. */
const parsed = new Map<string, ToolTarget>();
const PARSED_MAX = 512;

/** The operation a tool name stands for, or undefined when the name is not one of ours. */
export function parseToolName(tool: string): ToolTarget | undefined {
  const known = parsed.get(tool);
  if (known !== undefined) return known;
  const match = TOOL_NAME.exec(tool);
  if (match === null) return undefined;
  const name = (match[1] as string).replaceAll('_', '.');
  const target = Object.freeze(match[2] === undefined ? { name } : { name, version: Number(match[2]) });
  if (parsed.size >= PARSED_MAX) parsed.clear();
  parsed.set(tool, target);
  return target;
}
