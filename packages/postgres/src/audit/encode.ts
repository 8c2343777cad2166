import { type AuditRecord, canonicalJson } from '@lssm/lib.contracts';

/** An audit record as stored: a row of `audit_log`. */
export interface AuditRow {
  readonly seq: number | string;
  readonly request_id: string;
  readonly trace_id: string | null;
  readonly transport: string;
  readonly operation: string;
  readonly operation_version: number;
  readonly operation_kind: string | null;
  readonly actor_type: string;
  readonly actor_id: string | null;
  readonly tenant_id: string | null;
  readonly decision_allowed: boolean | null;
  readonly decision_rule: string | null;
  readonly decision_reason: string | null;
  readonly outcome: string;
  readonly error_code: string | null;
  readonly input: string | null;
  readonly input_digest: string | null;
  readonly idempotency_key: string | null;
  readonly replayed: boolean;
  readonly events: readonly string[] | null;
  readonly started_at: Date;
  readonly finished_at: Date;
  readonly duration_ms: number;
  readonly prev_hash: string;
  readonly hash: string;
}

/** The columns {@link encodeAudit} fills, in order (after `seq`, `prev_hash` and `hash`). */
export const AUDIT_COLUMNS = [
  ['request_id', 'text'],
  ['trace_id', 'text'],
  ['transport', 'text'],
  ['operation', 'text'],
  ['operation_version', 'integer'],
  ['operation_kind', 'text'],
  ['actor_type', 'text'],
  ['actor_id', 'text'],
  ['tenant_id', 'text'],
  ['decision_allowed', 'boolean'],
  ['decision_rule', 'text'],
  ['decision_reason', 'text'],
  ['outcome', 'text'],
  ['error_code', 'text'],
  ['input', 'text'],
  ['input_digest', 'text'],
  ['idempotency_key', 'text'],
  ['replayed', 'boolean'],
  ['events', 'text[]'],
  ['started_at', 'timestamptz'],
  ['finished_at', 'timestamptz'],
  ['duration_ms', 'integer'],
] as const;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The record in the one shape that is hashed: every field the trail keeps, optional ones only when
 * present, `replayed` only when true and `events` only when there are some. A record read back
 * from its row gives the same shape, so the hash can be checked.
 */
export function normalizedRecord(record: AuditRecord): AuditRecord {
  const out: Mutable<AuditRecord> = {
    requestId: record.requestId,
    transport: record.transport,
    operation:
      record.operation.kind === undefined
        ? { name: record.operation.name, version: record.operation.version }
        : { name: record.operation.name, version: record.operation.version, kind: record.operation.kind },
    actor: {
      type: record.actor.type,
      ...(record.actor.userId === undefined ? {} : { userId: record.actor.userId }),
      ...(record.actor.tenantId === undefined ? {} : { tenantId: record.actor.tenantId }),
    },
    outcome: record.outcome,
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
    durationMs: record.durationMs,
  };
  if (record.traceId !== undefined) out.traceId = record.traceId;
  if (record.decision !== undefined) {
    const { allowed, rule, reason } = record.decision;
    out.decision = rule === undefined ? { allowed, reason } : { allowed, rule, reason };
  }
  if (record.errorCode !== undefined) out.errorCode = record.errorCode;
  if (record.input !== undefined) out.input = JSON.parse(canonicalJson(record.input));
  if (record.inputDigest !== undefined) out.inputDigest = record.inputDigest;
  if (record.idempotencyKey !== undefined) out.idempotencyKey = record.idempotencyKey;
  if (record.replayed === true) out.replayed = true;
  if (record.events !== undefined && record.events.length > 0) out.events = [...record.events];
  return out;
}

/** The text that is hashed for a record: the canonical JSON of its normalized form. */
export function auditBody(record: AuditRecord): string {
  return canonicalJson(normalizedRecord(record));
}

/** A record ready to store: the hashed text, then the values of {@link AUDIT_COLUMNS} in order. */
export function encodeAudit(record: AuditRecord): { readonly body: string; readonly params: unknown[] } {
  const r = normalizedRecord(record);
  return { body: canonicalJson(r), params: columnValues(r) };
}

function columnValues(r: AuditRecord): unknown[] {
  return [
    r.requestId,
    r.traceId ?? null,
    r.transport,
    r.operation.name,
    r.operation.version,
    r.operation.kind ?? null,
    r.actor.type,
    r.actor.userId ?? null,
    r.actor.tenantId ?? null,
    r.decision?.allowed ?? null,
    r.decision?.rule ?? null,
    r.decision?.reason ?? null,
    r.outcome,
    r.errorCode ?? null,
    r.input === undefined ? null : canonicalJson(r.input),
    r.inputDigest ?? null,
    r.idempotencyKey ?? null,
    r.replayed === true,
    r.events ?? null,
    r.startedAt.toISOString(),
    r.finishedAt.toISOString(),
    r.durationMs,
  ];
}

/** Reads a record back from its row (the inverse of {@link encodeAudit}). */
export function recordFromRow(row: AuditRow): AuditRecord {
  // The casts below hold: these columns only ever receive the typed record's values (outcome has a CHECK).
  const record: Mutable<AuditRecord> = {
    requestId: row.request_id,
    transport: row.transport as AuditRecord['transport'],
    operation:
      row.operation_kind === null
        ? { name: row.operation, version: row.operation_version }
        : {
            name: row.operation,
            version: row.operation_version,
            kind: row.operation_kind as 'command' | 'query',
          },
    actor: {
      type: row.actor_type,
      ...(row.actor_id === null ? {} : { userId: row.actor_id }),
      ...(row.tenant_id === null ? {} : { tenantId: row.tenant_id }),
    },
    outcome: row.outcome as AuditRecord['outcome'],
    startedAt: new Date(row.started_at),
    finishedAt: new Date(row.finished_at),
    durationMs: row.duration_ms,
  };
  if (row.trace_id !== null) record.traceId = row.trace_id;
  if (row.decision_allowed !== null) {
    const reason = row.decision_reason ?? '';
    record.decision =
      row.decision_rule === null
        ? { allowed: row.decision_allowed, reason }
        : { allowed: row.decision_allowed, rule: row.decision_rule, reason };
  }
  if (row.error_code !== null) record.errorCode = row.error_code;
  if (row.input !== null) record.input = JSON.parse(row.input);
  if (row.input_digest !== null) record.inputDigest = row.input_digest;
  if (row.idempotency_key !== null) record.idempotencyKey = row.idempotency_key;
  if (row.replayed) record.replayed = true;
  if (row.events !== null && row.events.length > 0) record.events = [...row.events];
  return record;
}
