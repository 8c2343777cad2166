import type { Tables } from './names.js';

/** One step of the schema, applied once, in its own transaction, in version order. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** The SQL script for the given table names (several statements). */
  readonly sql: (t: Tables) => string;
}

/** The chain's hash before its first record. */
export const GENESIS_HASH = '0'.repeat(64);

const auditTrail: Migration = {
  version: 1,
  name: 'audit trail',
  sql: (t) => `
CREATE TABLE ${t.auditLog} (
  seq               bigint PRIMARY KEY,
  request_id        text NOT NULL,
  trace_id          text,
  transport         text NOT NULL,
  operation         text NOT NULL,
  operation_version integer NOT NULL,
  operation_kind    text,
  actor_type        text NOT NULL,
  actor_id          text,
  tenant_id         text,
  decision_allowed  boolean,
  decision_rule     text,
  decision_reason   text,
  outcome           text NOT NULL CHECK (outcome IN ('success', 'denied', 'error')),
  error_code        text,
  input             text,
  input_digest      text,
  idempotency_key   text,
  replayed          boolean NOT NULL DEFAULT false,
  events            text[],
  started_at        timestamptz NOT NULL,
  finished_at       timestamptz NOT NULL,
  duration_ms       integer NOT NULL,
  prev_hash         text NOT NULL,
  hash              text NOT NULL,
  recorded_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_request_id ON ${t.auditLog} (request_id);
CREATE INDEX audit_log_tenant_started ON ${t.auditLog} (tenant_id, started_at);

CREATE TABLE ${t.auditHead} (
  id        boolean PRIMARY KEY DEFAULT true CHECK (id),
  seq       bigint NOT NULL,
  prev_hash text NOT NULL,
  hash      text NOT NULL
);
INSERT INTO ${t.auditHead} (id, seq, prev_hash, hash) VALUES (true, 0, '', '${GENESIS_HASH}');

CREATE FUNCTION ${t.schema}.refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$fn$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON ${t.auditLog}
  FOR EACH ROW EXECUTE FUNCTION ${t.schema}.refuse_audit_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON ${t.auditLog}
  FOR EACH STATEMENT EXECUTE FUNCTION ${t.schema}.refuse_audit_change();
CREATE TRIGGER audit_head_kept BEFORE DELETE ON ${t.auditHead}
  FOR EACH ROW EXECUTE FUNCTION ${t.schema}.refuse_audit_change();
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON ${t.auditHead}
  FOR EACH STATEMENT EXECUTE FUNCTION ${t.schema}.refuse_audit_change();
`,
};

const idempotencyKeys: Migration = {
  version: 2,
  name: 'idempotency keys',
  sql: (t) => `
CREATE TABLE ${t.idempotency} (
  scope           text NOT NULL,
  key             text NOT NULL,
  fingerprint     text NOT NULL,
  lock_token      uuid,
  locked_at       timestamptz,
  recovery_point  text,
  response_ok     boolean,
  response_status integer,
  response_body   text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  completed_at    timestamptz,
  expires_at      timestamptz NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_expires_at ON ${t.idempotency} (expires_at);
`,
};

const outbox: Migration = {
  version: 3,
  name: 'outbox and inbox',
  sql: (t) => `
CREATE TABLE ${t.outbox} (
  position     bigserial PRIMARY KEY,
  id           text NOT NULL UNIQUE,
  name         text NOT NULL,
  version      integer NOT NULL,
  payload      text NOT NULL,
  occurred_at  timestamptz NOT NULL,
  request_id   text NOT NULL,
  tenant_id    text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  attempts     integer NOT NULL DEFAULT 0,
  lease_until  timestamptz,
  last_error   text
);
CREATE INDEX outbox_unpublished ON ${t.outbox} (position) WHERE published_at IS NULL;

CREATE TABLE ${t.inbox} (
  consumer     text NOT NULL,
  event_id     text NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);
`,
};

/** Every migration of the package, oldest first. Never edit one that has shipped: add a new one. */
export const MIGRATIONS: readonly Migration[] = Object.freeze([auditTrail, idempotencyKeys, outbox]);
