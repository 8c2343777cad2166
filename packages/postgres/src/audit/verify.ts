import { createHash } from 'node:crypto';
import type { AuditRecord } from '@lssm/lib.contracts';
import type { SqlExecutor } from '../driver/types.js';
import { GENESIS_HASH } from '../schema/migrations.js';
import { DEFAULT_SCHEMA, tablesIn } from '../schema/names.js';
import { type AuditRow, auditBody, recordFromRow } from './encode.js';

/** What {@link verifyAuditChain} found. */
export type AuditVerification =
  | { readonly ok: true; readonly count: number; readonly headSeq: number; readonly headHash: string }
  | {
      readonly ok: false;
      readonly count: number;
      /** The first sequence number whose record is missing, altered or out of the chain. */
      readonly brokenAt: number;
      readonly reason: string;
    };

/** A stored record with its place in the chain. */
export type ChainedAuditRecord = AuditRecord & {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
};

/** The hash of a record at `seq` after `prevHash` (what PostgreSQL computed when appending it). */
export function chainHash(prevHash: string, seq: number, body: string): string {
  return createHash('sha256').update(`${prevHash}\n${seq}\n${body}`, 'utf8').digest('hex');
}

/**
 * Reads stored records in sequence order, `limit` at a time after `afterSeq`.
 * @example const page = await readAuditLog(driver, { afterSeq: 0, limit: 100 });
 */
export async function readAuditLog(
  db: SqlExecutor,
  options: { readonly schema?: string; readonly afterSeq?: number; readonly limit?: number } = {},
): Promise<ChainedAuditRecord[]> {
  const t = tablesIn(options.schema ?? DEFAULT_SCHEMA);
  const rows = await db.query<AuditRow>(`SELECT * FROM ${t.auditLog} WHERE seq > $1 ORDER BY seq LIMIT $2`, [
    options.afterSeq ?? 0,
    options.limit ?? 1000,
  ]);
  return rows.rows.map((row) =>
    Object.assign(recordFromRow(row), { seq: Number(row.seq), prevHash: row.prev_hash, hash: row.hash }),
  );
}

/**
 * Checks the whole trail: sequence numbers 1..n without a gap, each record's `prev_hash` equal to
 * the previous hash, each hash recomputed from the record's columns, and the chain head agreeing
 * with the last record (a trail cut short at its end is caught there). Reads up to the head as it
 * was when the check began, so it can run while others append.
 * @example const result = await verifyAuditChain(driver); if (!result.ok) console.error(result.brokenAt, result.reason);
 */
export async function verifyAuditChain(
  db: SqlExecutor,
  options: { readonly schema?: string; readonly batchSize?: number } = {},
): Promise<AuditVerification> {
  const t = tablesIn(options.schema ?? DEFAULT_SCHEMA);
  const head = (
    await db.query<{ seq: number | string; hash: string }>(`SELECT seq, hash FROM ${t.auditHead}`)
  ).rows[0];
  if (head === undefined) return { ok: false, count: 0, brokenAt: 1, reason: 'the chain head is missing' };
  const headSeq = Number(head.seq);
  let prevHash = GENESIS_HASH;
  let expected = 1;
  while (expected <= headSeq) {
    const rows = await db.query<AuditRow>(
      `SELECT * FROM ${t.auditLog} WHERE seq >= $1 AND seq <= $2 ORDER BY seq LIMIT $3`,
      [expected, headSeq, options.batchSize ?? 1000],
    );
    if (rows.rows.length === 0) break;
    for (const row of rows.rows) {
      const seq = Number(row.seq);
      const broken = (reason: string): AuditVerification => ({
        ok: false,
        count: expected - 1,
        brokenAt: expected,
        reason,
      });
      if (seq !== expected) return broken(`record ${expected} is missing`);
      if (row.prev_hash !== prevHash) return broken(`record ${seq} does not follow record ${seq - 1}`);
      if (chainHash(prevHash, seq, auditBody(recordFromRow(row))) !== row.hash)
        return broken(`record ${seq} was altered`);
      prevHash = row.hash;
      expected++;
    }
  }
  const count = expected - 1;
  if (count !== headSeq)
    return { ok: false, count, brokenAt: expected, reason: `record ${expected} is missing` };
  if (head.hash !== prevHash)
    return { ok: false, count, brokenAt: headSeq, reason: 'the chain head does not match the last record' };
  return { ok: true, count, headSeq, headHash: prevHash };
}
