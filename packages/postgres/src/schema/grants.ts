import type { SqlExecutor } from '../driver/types.js';
import { DEFAULT_SCHEMA, tablesIn } from './names.js';

const ROLE = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The grants for the role the app connects as (not the tables' owner, which runs the migrations):
 * it may read and append to the audit trail but never UPDATE, DELETE or TRUNCATE it, and it uses
 * the idempotency keys, the outbox and the inbox freely.
 * @example console.log(appRoleGrants('lssm_app'));
 */
export function appRoleGrants(role: string, options: { readonly schema?: string } = {}): string {
  if (!ROLE.test(role)) throw new TypeError(`role must match ${ROLE} (got ${JSON.stringify(role)})`);
  const t = tablesIn(options.schema ?? DEFAULT_SCHEMA);
  const r = `"${role}"`;
  return `GRANT USAGE ON SCHEMA ${t.schema} TO ${r};
GRANT SELECT ON ${t.migrations} TO ${r};
REVOKE ALL ON ${t.auditLog} FROM ${r};
GRANT SELECT, INSERT ON ${t.auditLog} TO ${r};
GRANT SELECT, UPDATE ON ${t.auditHead} TO ${r};
GRANT SELECT, INSERT, UPDATE, DELETE ON ${t.idempotency}, ${t.outbox}, ${t.inbox} TO ${r};
GRANT USAGE ON SEQUENCE ${t.schema}."outbox_position_seq" TO ${r};`;
}

/** Runs {@link appRoleGrants} (as the tables' owner; the role must exist). */
export async function grantAppRole(
  db: SqlExecutor,
  role: string,
  options: { readonly schema?: string } = {},
): Promise<void> {
  await db.exec(appRoleGrants(role, options));
}
