import type { ConditionRef, Stability } from '@lssm/lib.contracts';

/** The `format` tag of a snapshot file. */
export const SNAPSHOT_FORMAT = 'lssm-contracts-snapshot';
/** The snapshot format's version; a reader refuses others. */
export const SNAPSHOT_VERSION = 1;

/** The keyword marking a schema the snapshot cannot describe (a Standard Schema without JSON Schema). */
export const OPAQUE = 'x-lssm-opaque';

/** Any JSON value. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** A JSON Schema as plain JSON (inlined: no `$ref` to other documents). */
export type JsonSchemaDoc = { readonly [keyword: string]: Json };

/** A declared domain error as the snapshot keeps it. */
export interface SnapshotError {
  readonly status: number;
  readonly description: string;
  readonly data?: JsonSchemaDoc;
}

/** A policy rule as data. */
export interface SnapshotRule {
  readonly resource: string;
  readonly action: string;
  readonly condition: ConditionRef;
}

/** What MCP hosts see of an operation: the tool name and its hints. */
export interface SnapshotMcpTool {
  readonly tool: string;
  readonly hints: {
    readonly readOnlyHint?: boolean;
    readonly destructiveHint?: boolean;
    readonly idempotentHint?: boolean;
    readonly openWorldHint?: boolean;
  };
}

/** One operation version: everything a client, an agent or a reviewer depends on. */
export interface SnapshotOperation {
  readonly name: string;
  readonly version: number;
  readonly kind: 'command' | 'query';
  readonly stability: Stability;
  readonly description: string;
  readonly goal?: string;
  readonly context?: string;
  readonly owners: readonly string[];
  readonly tags: readonly string[];
  readonly deprecation?: { readonly since?: string; readonly sunset?: string; readonly replacement?: string };
  /** True for the version a call without a version runs (`registry.resolve(name)`). */
  readonly default: boolean;
  readonly input: JsonSchemaDoc;
  readonly output: JsonSchemaDoc;
  readonly errors: { readonly [code: string]: SnapshotError };
  readonly policy: {
    readonly auth: string;
    readonly rules: readonly SnapshotRule[];
    readonly hideExistence: boolean;
  };
  readonly idempotency: { readonly required: boolean; readonly ttlSeconds?: number } | null;
  readonly rateLimit: { readonly limit: number; readonly windowSeconds: number; readonly by: string } | null;
  readonly exposure: {
    readonly rest: boolean;
    readonly graphql: boolean;
    readonly mcp: boolean;
    readonly webhook: boolean;
  };
  /** Null when MCP does not serve the operation. */
  readonly mcp: SnapshotMcpTool | null;
  /** Names of the events the operation may emit. */
  readonly events: readonly string[];
}

/** What `contracts snapshot` writes and `contracts diff` reads. */
export interface Snapshot {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly version: typeof SNAPSHOT_VERSION;
  /** By name, then version. */
  readonly operations: readonly SnapshotOperation[];
}
