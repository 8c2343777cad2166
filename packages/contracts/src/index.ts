export { generateOpenApi, type OpenApiDocument, type OpenApiOptions } from './openapi/index.js';
export { BUILT_IN_CONDITIONS, defineCondition, hasIdentity, isAdmin } from './policy/conditions.js';
export { type Authorization, authenticate, authorize } from './policy/engine.js';
export {
  defineResource,
  type ResolverInput,
  type ResourceResolver,
  ResourceResolvers,
} from './policy/resources.js';
export type {
  AuthLevel,
  ConditionFn,
  ConditionInput,
  ConditionRef,
  Decision,
  Identity,
  PolicyRule,
  PolicySpec,
} from './policy/types.js';
export {
  type InstalledOperation,
  installOp,
  isExposed,
  type RegistryProblem,
  SpecRegistry,
} from './registry/registry.js';
export { isJsonContentType } from './rest/body.js';
export { fileSystemDocsAssets } from './rest/docs-assets.js';
export { fromFetchRequest, toFetchResponse } from './rest/fetch-request.js';
export { answerRest, DEFAULT_BODY_LIMIT, handleRest, type RestHandling } from './rest/handle.js';
export type {
  BodyRead,
  BodyReceiver,
  ContextThunk,
  CorsOptions,
  RestOptions,
  RestRequest,
  RestResponder,
  RestResponse,
  StaticAsset,
} from './rest/types.js';
export type { ClientSignal, ClientSignalSource } from './runtime/cancellation.js';
export { canonicalJson } from './runtime/canonical-json.js';
export type {
  AppContext,
  AppTransaction,
  BaseContext,
  CallInfo,
  EmitFn,
  FailFn,
  Handler,
  HandlerContext,
  InputOf,
  OutputOf,
  Register,
  SchemaWire,
} from './runtime/context.js';
export { defaultHasher, type Hasher, requestIdFrom, webCryptoHasher } from './runtime/digest.js';
export {
  ContractError,
  type ContractErrorOptions,
  ERROR_TABLE,
  type ErrorMapping,
  type ErrorOrigin,
  errorMapping,
  type FrameworkErrorCode,
  isFrameworkCode,
} from './runtime/errors.js';
export {
  type ExecuteReceiver,
  type ExecuteRequest,
  type ExecuteResult,
  execute,
  executeInto,
} from './runtime/execute.js';
export type { CallEnded, CallStarted, ExecutionHooks } from './runtime/hooks.js';
export { MemoryAuditSink } from './runtime/memory/audit.js';
export { MemoryEventInbox } from './runtime/memory/event-inbox.js';
export { MemoryIdempotencyStore } from './runtime/memory/idempotency.js';
export { type EventListener, MemoryOutbox } from './runtime/memory/outbox.js';
export { MemoryRateLimiter } from './runtime/memory/rate-limiter.js';
export { type MemoryTransaction, MemoryUnitOfWork } from './runtime/memory/unit-of-work.js';
export type {
  AuditRecord,
  AuditSink,
  Clock,
  EventInbox,
  EventOutbox,
  IdempotencyBegin,
  IdempotencyClaim,
  IdempotencyStore,
  InboxClaim,
  OutboxEvent,
  RateLimiter,
  StoredResponse,
  UnitOfWork,
} from './runtime/ports.js';
export { REDACTED, redact } from './runtime/redact.js';
export { createRuntime, type Runtime, type RuntimeOptions } from './runtime/runtime.js';
export type { SpanLike, TracerLike } from './runtime/tracing.js';
export { type AnyEventSpec, defineEvent, type EventMeta, type EventSpec } from './spec/event.js';
export {
  type AnyOperationSpec,
  defineCommand,
  defineQuery,
  type OperationConfig,
  type OperationKind,
  type OperationSpec,
} from './spec/operation.js';
export {
  type AuditSpec,
  type DomainErrorSpec,
  type DomainErrors,
  type Exposure,
  type IdempotencySpec,
  type IoSchema,
  type OperationIo,
  type OperationMeta,
  type RateLimitSpec,
  STABILITIES,
  type Stability,
  type Transport,
} from './spec/types.js';
