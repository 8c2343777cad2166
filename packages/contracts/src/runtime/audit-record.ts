import type { Decision } from '../policy/types.js';
import type { AnyOperationSpec } from '../spec/operation.js';
import type { Transport } from '../spec/types.js';
import { canonicalJson } from './canonical-json.js';
import type { AppContext } from './context.js';
import { andThen, type MaybePromise } from './maybe-async.js';
import type { AuditRecord } from './ports.js';
import { copyPlain, redact } from './redact.js';
import type { Runtime } from './runtime.js';

/** What the pipeline knows about a call when it writes the audit record. */
export interface AuditFacts {
  readonly requestId: string;
  readonly traceId?: string;
  readonly transport: Transport;
  readonly name: string;
  readonly version?: number;
  readonly spec?: AnyOperationSpec;
  readonly ctx?: AppContext;
  readonly decision?: Decision;
  readonly rawInput?: unknown;
  /** The input after validation (declared keys only); only this is ever stored, redacted. */
  readonly validInput?: unknown;
  readonly idempotencyKey?: string;
  readonly replayed?: boolean;
  readonly events?: readonly string[];
  readonly startedAt: Date;
}

const operations = new WeakMap<AnyOperationSpec, AuditRecord['operation']>();

/** A record's `operation` for a spec: one frozen object per spec, shared by its records. */
function auditedOperation(spec: AnyOperationSpec): AuditRecord['operation'] {
  let operation = operations.get(spec);
  if (operation === undefined) {
    operation = Object.freeze({ name: spec.meta.name, version: spec.meta.version, kind: spec.kind });
    operations.set(spec, operation);
  }
  return operation;
}

const decisions = new WeakMap<Decision, NonNullable<AuditRecord['decision']>>();

function decisionOf(decision: Decision): NonNullable<AuditRecord['decision']> {
  return decision.rule === undefined
    ? { allowed: decision.allowed, reason: decision.reason }
    : { allowed: decision.allowed, rule: decision.rule, reason: decision.reason };
}

/** A record's `decision`: shared (and frozen) for the policy engine's constant decisions. */
function auditedDecision(decision: Decision): NonNullable<AuditRecord['decision']> {
  if (!Object.isFrozen(decision)) return decisionOf(decision);
  let audited = decisions.get(decision);
  if (audited === undefined) {
    audited = Object.freeze(decisionOf(decision));
    decisions.set(decision, audited);
  }
  return audited;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Builds one audit record: the actor, the decision with its rule and reason, the outcome, the
 * validated input with the spec's redaction paths blanked (raw input that failed validation is
 * never stored: it may hold anything), and, when fields are redacted, an HMAC digest of what
 * was sent.
 */
export function buildAuditRecord(
  runtime: Runtime,
  facts: AuditFacts,
  outcome: { readonly outcome: AuditRecord['outcome']; readonly errorCode?: string },
): MaybePromise<AuditRecord> {
  const finishedAt = runtime.clock.now();
  const spec = facts.spec;
  const actor: { type: string; userId?: string; tenantId?: string } = {
    type: text(facts.ctx?.actor) ?? 'unknown',
  };
  const userId = text(facts.ctx?.userId);
  const tenantId = text(facts.ctx?.tenantId);
  if (userId !== undefined) actor.userId = userId;
  if (tenantId !== undefined) actor.tenantId = tenantId;
  const record: Mutable<AuditRecord> = {
    requestId: facts.requestId,
    transport: facts.transport,
    operation:
      spec === undefined ? { name: facts.name, version: facts.version ?? 0 } : auditedOperation(spec),
    actor,
    outcome: outcome.outcome,
    startedAt: facts.startedAt,
    finishedAt,
    durationMs: finishedAt.getTime() - facts.startedAt.getTime(),
  };
  if (facts.traceId !== undefined) record.traceId = facts.traceId;
  const decision = facts.decision;
  if (decision !== undefined) record.decision = auditedDecision(decision);
  if (outcome.errorCode !== undefined) record.errorCode = outcome.errorCode;
  const redactPaths = spec?.audit?.redact ?? [];
  const stored = facts.validInput !== undefined;
  if (stored)
    record.input = redactPaths.length === 0 ? facts.validInput : redact(facts.validInput, redactPaths);
  if (facts.idempotencyKey !== undefined) record.idempotencyKey = facts.idempotencyKey;
  if (facts.replayed === true) record.replayed = true;
  if (facts.events !== undefined && facts.events.length > 0) record.events = facts.events;
  // The digest proves what was sent when the record withholds part of it (redacted fields). Input
  // that never passed validation is neither stored nor hashed: rejected calls are the cheapest
  // thing an attacker can send, and hashing them would cost more than rejecting them.
  if (!stored || redactPaths.length === 0) return record;
  return andThen(runtime.hasher.hmacSha256(runtime.auditKey, canonicalJson(facts.rawInput)), (digest) => {
    record.inputDigest = digest;
    return record;
  });
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The input as the audit stores it: wire form, declared keys only, copied (the handler and the
 * caller keep their own objects). A strict model's raw input already holds declared keys only
 * (anything else was rejected), so it is copied as is; other schemas go through canonical JSON.
 */
export function auditSnapshot(spec: AnyOperationSpec, rawInput: unknown, validInput: unknown): unknown {
  const schema = spec.io.input as { kind?: unknown; unknownKeys?: unknown };
  if (schema.kind === 'model' && schema.unknownKeys === 'reject') return copyPlain(rawInput);
  return validInput === undefined ? undefined : JSON.parse(canonicalJson(validInput));
}
