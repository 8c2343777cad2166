import {
  type AnyOperationSpec,
  type DomainErrors,
  isExposed,
  type PolicyRule,
  type SpecRegistry,
} from '@lssm/lib.contracts';
import { ToolCatalog, toolName } from '@lssm/lib.contracts/server/mcp';
import { ioJsonSchema } from './io-schema.js';
import {
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  type Snapshot,
  type SnapshotError,
  type SnapshotMcpTool,
  type SnapshotOperation,
} from './types.js';

type Hints = SnapshotMcpTool['hints'];
const HINTS = ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const;

function errorsOf(spec: AnyOperationSpec): Record<string, SnapshotError> {
  const out: Record<string, SnapshotError> = {};
  const errors: DomainErrors = spec.io.errors ?? {};
  for (const code of Object.keys(errors).sort()) {
    const error = errors[code];
    if (error === undefined) continue;
    out[code] = {
      status: error.status,
      description: error.description,
      ...(error.data === undefined ? {} : { data: ioJsonSchema(error.data, 'output') }),
    };
  }
  return out;
}

/** The MCP tool of each served operation, by `name@version`, as the MCP transport builds it. */
function mcpTools(registry: SpecRegistry): Map<string, SnapshotMcpTool> {
  const tools = new Map(new ToolCatalog(registry).all().map((tool) => [tool.name, tool]));
  const out = new Map<string, SnapshotMcpTool>();
  for (const { spec } of registry.exposed('mcp')) {
    const { name, version } = spec.meta;
    const tool = toolName(name, registry.resolve(name)?.spec === spec ? undefined : version);
    const hints: { -readonly [K in keyof Hints]: Hints[K] } = {};
    const annotations = tools.get(tool)?.annotations;
    for (const hint of HINTS) if (annotations?.[hint] !== undefined) hints[hint] = annotations[hint];
    out.set(`${name}@${version}`, { tool, hints });
  }
  return out;
}

function operationOf(
  registry: SpecRegistry,
  spec: AnyOperationSpec,
  mcp: SnapshotMcpTool | undefined,
): SnapshotOperation {
  const { meta, policy } = spec;
  return {
    name: meta.name,
    version: meta.version,
    kind: spec.kind,
    stability: meta.stability,
    description: meta.description,
    ...(meta.goal === undefined ? {} : { goal: meta.goal }),
    ...(meta.context === undefined ? {} : { context: meta.context }),
    owners: [...meta.owners],
    tags: [...(meta.tags ?? [])],
    ...(meta.deprecation === undefined ? {} : { deprecation: { ...meta.deprecation } }),
    default: registry.resolve(meta.name)?.spec === spec,
    input: ioJsonSchema(spec.io.input, 'input'),
    output: ioJsonSchema(spec.io.output, 'output'),
    errors: errorsOf(spec),
    policy: {
      auth: policy.auth,
      rules: (policy.rules ?? []).map((rule: PolicyRule) => ({
        resource: rule.resource,
        action: rule.action,
        condition: rule.condition,
      })),
      hideExistence: policy.hideExistence === true,
    },
    idempotency:
      spec.idempotency === undefined
        ? null
        : {
            required: spec.idempotency.required === true,
            ...(spec.idempotency.ttlSeconds === undefined ? {} : { ttlSeconds: spec.idempotency.ttlSeconds }),
          },
    rateLimit:
      spec.rateLimit === undefined
        ? null
        : {
            limit: spec.rateLimit.limit,
            windowSeconds: spec.rateLimit.windowSeconds,
            by: spec.rateLimit.by ?? 'actor',
          },
    exposure: {
      rest: isExposed(spec, 'rest'),
      graphql: isExposed(spec, 'graphql'),
      mcp: isExposed(spec, 'mcp'),
      webhook: isExposed(spec, 'webhook'),
    },
    mcp: mcp ?? null,
    events: (spec.events ?? []).map((event: { meta: { name: string } }) => event.meta.name).sort(),
  };
}

/**
 * The snapshot of a registry: every operation version (by name, then version) with its JSON
 * Schemas, errors, policy, exposure and MCP tool, as plain JSON data. Write it with
 * {@link stableJson} so equal registries give equal files.
 * @example await writeFile('contracts.snapshot.json', stableJson(buildSnapshot(registry)));
 */
export function buildSnapshot(registry: SpecRegistry): Snapshot {
  const tools = mcpTools(registry);
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    operations: registry
      .list()
      .map(({ spec }) => operationOf(registry, spec, tools.get(`${spec.meta.name}@${spec.meta.version}`))),
  };
}
