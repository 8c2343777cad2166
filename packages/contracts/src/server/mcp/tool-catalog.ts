import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { type AppContext, authenticate, type PolicySpec, type SpecRegistry } from '../../index.js';
import { toolDefinition } from './tool-definition.js';
import { MAX_TOOL_NAME_LENGTH, toolName } from './tool-names.js';

interface CatalogEntry {
  readonly tool: Tool;
  readonly policy: PolicySpec;
}

/**
 * The registry's operations as MCP tools, built once per registry revision (schemas and texts are
 * not rebuilt per request) and filtered per caller by the policy's auth level.
 */
export class ToolCatalog {
  readonly #registry: SpecRegistry;
  #revision = -1;
  #entries: readonly CatalogEntry[] = [];
  #problems: readonly string[] = [];

  constructor(registry: SpecRegistry) {
    this.#registry = registry;
  }

  /** Every tool, whoever asks. */
  all(): readonly Tool[] {
    return this.#current().map((entry) => entry.tool);
  }

  /** The tools this caller's identity may call (auth level only: resource rules depend on the input). */
  visibleTo(ctx: AppContext): Tool[] {
    const tools: Tool[] = [];
    for (const entry of this.#current()) {
      if (authenticate(entry.policy, ctx).allowed) tools.push(entry.tool);
    }
    return tools;
  }

  /** Tool names some hosts will refuse (longer than 64 characters). */
  problems(): readonly string[] {
    this.#current();
    return this.#problems;
  }

  #current(): readonly CatalogEntry[] {
    const revision = this.#registry.revision;
    if (revision !== this.#revision) {
      const entries: CatalogEntry[] = [];
      const problems: string[] = [];
      for (const { spec } of this.#registry.exposed('mcp')) {
        const versioned = this.#registry.resolve(spec.meta.name)?.spec !== spec;
        const name = toolName(spec.meta.name, versioned ? spec.meta.version : undefined);
        if (name.length > MAX_TOOL_NAME_LENGTH)
          problems.push(`tool name ${name} is longer than ${MAX_TOOL_NAME_LENGTH} characters`);
        entries.push({ tool: toolDefinition(spec, name, versioned), policy: spec.policy });
      }
      this.#entries = entries;
      this.#problems = problems;
      this.#revision = revision;
    }
    return this.#entries;
  }
}
