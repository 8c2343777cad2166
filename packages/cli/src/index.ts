export { buildProgram, runCli } from './cli.js';
export { diffSnapshots } from './diff/diff.js';
export { formatDiff } from './diff/report.js';
export { type Change, type DiffReport, type Direction, SEVERITIES, type Severity } from './diff/types.js';
export { type LlmsTxtOptions, llmsTxt } from './docs/llms-txt.js';
export { operationPage, type PageOptions, pageFileName } from './docs/operation-page.js';
export { policyInWords } from './docs/policy-words.js';
export { CliError, EXIT, type ExitCode } from './exit-codes.js';
export { isRegistry, loadRegistry } from './load/registry.js';
export { buildSnapshot } from './snapshot/build.js';
export { parseSnapshot, readSnapshot } from './snapshot/read.js';
export { sortKeys, stableJson } from './snapshot/stable-json.js';
export {
  type Json,
  type JsonSchemaDoc,
  OPAQUE,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  type Snapshot,
  type SnapshotError,
  type SnapshotMcpTool,
  type SnapshotOperation,
  type SnapshotRule,
} from './snapshot/types.js';
