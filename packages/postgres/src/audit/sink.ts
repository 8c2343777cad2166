import type { AuditRecord, AuditSink } from '@lssm/lib.contracts';
import { isSqlTransaction, type SqlExecutor, type SqlTransaction } from '../driver/types.js';
import { DEFAULT_SCHEMA, type Tables, tablesIn } from '../schema/names.js';
import { AUDIT_COLUMNS, encodeAudit } from './encode.js';

/**
 * One statement appends a record: it moves the chain head on (seq + 1, hash over the previous hash,
 * the new seq and the record's canonical text, computed by PostgreSQL) and inserts the row. The
 * head's row lock is held until the writer's transaction ends, so appends from every process are
 * serialized: gap-free, and committed in chain order.
 */
function appendSql(t: Tables): string {
  const names = AUDIT_COLUMNS.map(([name]) => name).join(', ');
  const values = AUDIT_COLUMNS.map(([, type], i) => `$${i + 2}::${type}`).join(', ');
  return `WITH head AS (
  UPDATE ${t.auditHead}
     SET seq = seq + 1,
         prev_hash = hash,
         hash = encode(sha256(convert_to(hash || chr(10) || (seq + 1)::text || chr(10) || $1::text, 'UTF8')), 'hex')
   WHERE id
  RETURNING seq, prev_hash, hash
)
INSERT INTO ${t.auditLog} (seq, prev_hash, hash, ${names})
SELECT head.seq, head.prev_hash, head.hash, ${values} FROM head`;
}

/**
 * The durable audit trail: append-only (a trigger refuses UPDATE, DELETE and TRUNCATE; grants keep
 * the app role to SELECT and INSERT), a gap-free sequence and a SHA-256 hash chain checked by
 * {@link verifyAuditChain}. With `tx`, the record commits or rolls back with the operation.
 * @example new SpecRegistry({ audit: new PostgresAuditSink(driver), ... })
 */
export class PostgresAuditSink implements AuditSink<SqlTransaction> {
  readonly #sql: string;

  constructor(
    readonly db: SqlExecutor,
    options: { readonly schema?: string } = {},
  ) {
    this.#sql = appendSql(tablesIn(options.schema ?? DEFAULT_SCHEMA));
  }

  async append(record: AuditRecord, tx?: SqlTransaction): Promise<void> {
    if (tx !== undefined && !isSqlTransaction(tx))
      throw new TypeError('PostgresAuditSink needs the transaction of a PostgresUnitOfWork');
    const { body, params } = encodeAudit(record);
    const result = await (tx ?? this.db).query(this.#sql, [body, ...params]);
    if (result.rowCount !== 1) throw new Error('the audit chain head is missing: run migrate()');
  }
}
