const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The default PostgreSQL schema the package's tables live in. */
export const DEFAULT_SCHEMA = 'lssm';

/** The quoted, schema-qualified names of the package's tables. */
export interface Tables {
  readonly schema: string;
  readonly migrations: string;
  readonly auditLog: string;
  readonly auditHead: string;
  readonly idempotency: string;
  readonly outbox: string;
  readonly inbox: string;
}

const cache = new Map<string, Tables>();

/**
 * The table names in `schema` (lower-case letters, digits and `_`, as PostgreSQL folds them), quoted
 * for SQL. Throws on any other name: schema names are spliced into SQL, never taken from requests.
 */
export function tablesIn(schema: string = DEFAULT_SCHEMA): Tables {
  let tables = cache.get(schema);
  if (tables !== undefined) return tables;
  if (!SCHEMA_NAME.test(schema))
    throw new TypeError(`schema must match ${SCHEMA_NAME} (got ${JSON.stringify(schema)})`);
  const q = (table: string) => `"${schema}"."${table}"`;
  tables = Object.freeze({
    schema: `"${schema}"`,
    migrations: q('migrations'),
    auditLog: q('audit_log'),
    auditHead: q('audit_head'),
    idempotency: q('idempotency_keys'),
    outbox: q('outbox'),
    inbox: q('inbox'),
  });
  cache.set(schema, tables);
  return tables;
}
