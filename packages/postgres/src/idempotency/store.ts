import { randomUUID } from 'node:crypto';
import {
  ContractError,
  type IdempotencyBegin,
  type IdempotencyClaim,
  type IdempotencyStore,
  type StoredResponse,
} from '@lssm/lib.contracts';
import { isSqlTransaction, type SqlExecutor, type SqlTransaction } from '../driver/types.js';
import { DEFAULT_SCHEMA, type Tables, tablesIn } from '../schema/names.js';

/** Options of {@link PostgresIdempotencyStore}. */
export interface PostgresIdempotencyOptions {
  readonly schema?: string;
  /**
   * An in-flight key older than this is taken to be abandoned (its process died) and may be
   * claimed again. Keep it above the runtime's `handlerTimeoutMs`. Default 60 s.
   */
  readonly lockTimeoutSeconds?: number;
}

interface KeyRow {
  readonly fingerprint: string;
  readonly response_ok: boolean | null;
  readonly response_status: number | null;
  readonly response_body: string | null;
}

/** The lock this process holds on a claimed key. */
interface Held {
  readonly token: string;
}

function statements(t: Tables) {
  return {
    claim: `INSERT INTO ${t.idempotency} AS k (scope, key, fingerprint, lock_token, locked_at, expires_at)
VALUES ($1, $2, $3, $4::uuid, now(), now() + make_interval(secs => $5::double precision))
ON CONFLICT (scope, key) DO UPDATE
   SET fingerprint = EXCLUDED.fingerprint, lock_token = EXCLUDED.lock_token, locked_at = now(),
       expires_at = EXCLUDED.expires_at,
       recovery_point = CASE WHEN k.expires_at <= now() THEN NULL ELSE k.recovery_point END,
       created_at = CASE WHEN k.expires_at <= now() THEN now() ELSE k.created_at END,
       response_ok = NULL, response_status = NULL, response_body = NULL, completed_at = NULL
 WHERE k.expires_at <= now()
    OR (k.response_status IS NULL AND k.fingerprint = EXCLUDED.fingerprint
        AND (k.locked_at IS NULL OR k.locked_at < now() - make_interval(secs => $6::double precision)))
RETURNING k.lock_token`,
    read: `SELECT fingerprint, response_ok, response_status, response_body FROM ${t.idempotency} WHERE scope = $1 AND key = $2`,
    complete: `UPDATE ${t.idempotency}
   SET response_ok = $4, response_status = $5, response_body = $6, completed_at = now(),
       lock_token = NULL, locked_at = NULL
 WHERE scope = $1 AND key = $2 AND lock_token = $3::uuid`,
    release: `DELETE FROM ${t.idempotency}
 WHERE scope = $1 AND key = $2 AND lock_token = $3::uuid AND response_status IS NULL`,
    sweep: `DELETE FROM ${t.idempotency} WHERE (scope, key) IN (
  SELECT scope, key FROM ${t.idempotency} WHERE expires_at <= now() LIMIT $1 FOR UPDATE SKIP LOCKED)`,
    setRecoveryPoint: `UPDATE ${t.idempotency} SET recovery_point = $3
 WHERE scope = $1 AND key = $2 AND lock_token = $4::uuid`,
    recoveryPoint: `SELECT recovery_point FROM ${t.idempotency} WHERE scope = $1 AND key = $2`,
  };
}

/**
 * Idempotency keys in PostgreSQL. `begin` is one `INSERT ... ON CONFLICT` statement, atomic across
 * processes: one caller claims the key (with a lock token), the others see it in flight, replay its
 * stored response, or learn their input differs. An expired key, or an in-flight one whose lock is
 * older than `lockTimeoutSeconds` (a crashed process), is claimed afresh. A claim whose lock was
 * taken over cannot complete: its transaction rolls back, so the operation's effects commit once.
 * @example new SpecRegistry({ idempotency: new PostgresIdempotencyStore(driver), ... })
 */
export class PostgresIdempotencyStore implements IdempotencyStore<SqlTransaction> {
  readonly #sql: ReturnType<typeof statements>;
  readonly #lockTimeoutSeconds: number;
  /** The lock each claim object holds (the pipeline passes the same object to begin and complete). */
  readonly #held = new WeakMap<IdempotencyClaim, Held>();

  constructor(
    readonly db: SqlExecutor,
    options: PostgresIdempotencyOptions = {},
  ) {
    this.#sql = statements(tablesIn(options.schema ?? DEFAULT_SCHEMA));
    this.#lockTimeoutSeconds = options.lockTimeoutSeconds ?? 60;
  }

  async begin(claim: IdempotencyClaim): Promise<IdempotencyBegin> {
    // A key released between our INSERT and our SELECT is simply claimed on the next round.
    for (let round = 0; round < 5; round++) {
      const token = randomUUID();
      const claimed = await this.db.query(this.#sql.claim, [
        claim.scope,
        claim.key,
        claim.fingerprint,
        token,
        claim.ttlSeconds,
        this.#lockTimeoutSeconds,
      ]);
      if (claimed.rowCount === 1) {
        this.#held.set(claim, { token });
        return { state: 'started' };
      }
      const row = (await this.db.query<KeyRow>(this.#sql.read, [claim.scope, claim.key])).rows[0];
      if (row === undefined) continue;
      if (row.fingerprint !== claim.fingerprint) return { state: 'mismatch' };
      if (row.response_status !== null) {
        return {
          state: 'replay',
          response: {
            ok: row.response_ok === true,
            status: row.response_status,
            body: row.response_body === null ? undefined : JSON.parse(row.response_body),
          },
        };
      }
      // The first attempt usually ends within the second; a crashed one is taken over later.
      return { state: 'in-flight', retryAfterSeconds: 1 };
    }
    throw new Error('idempotency key kept changing while being claimed');
  }

  async complete(claim: IdempotencyClaim, response: StoredResponse, tx?: SqlTransaction): Promise<void> {
    if (tx !== undefined && !isSqlTransaction(tx))
      throw new TypeError('PostgresIdempotencyStore needs the transaction of a PostgresUnitOfWork');
    const held = this.#held.get(claim);
    const body = response.body === undefined ? null : JSON.stringify(response.body);
    const done =
      held === undefined
        ? 0
        : (
            await (tx ?? this.db).query(this.#sql.complete, [
              claim.scope,
              claim.key,
              held.token,
              response.ok,
              response.status,
              body,
            ])
          ).rowCount;
    // The lock is kept (the claim object is weakly held): the transaction may still roll back.
    if (done === 1) return;
    // Another attempt took the key over (this one outlived the lock): its effects must not commit.
    if (tx !== undefined)
      throw new ContractError('UNAVAILABLE', 'This request took too long and was retried elsewhere', {
        origin: 'idempotency',
        retryAfterSeconds: 1,
      });
  }

  async release(claim: IdempotencyClaim): Promise<void> {
    const held = this.#held.get(claim);
    if (held === undefined) return;
    this.#held.delete(claim);
    await this.db.query(this.#sql.release, [claim.scope, claim.key, held.token]);
  }

  /**
   * Stores how far a multi-step operation got (e.g. `'payment-requested'`), for a retry or a
   * recovery job to resume from; kept when a crashed attempt's key is claimed again.
   */
  async setRecoveryPoint(claim: IdempotencyClaim, point: string, tx?: SqlTransaction): Promise<void> {
    const held = this.#held.get(claim);
    if (held === undefined) throw new Error('this claim holds no lock on its key');
    await (tx ?? this.db).query(this.#sql.setRecoveryPoint, [claim.scope, claim.key, point, held.token]);
  }

  /** The recovery point stored for the claim's key, if any. */
  async recoveryPoint(claim: IdempotencyClaim): Promise<string | undefined> {
    const rows = await this.db.query<{ recovery_point: string | null }>(this.#sql.recoveryPoint, [
      claim.scope,
      claim.key,
    ]);
    return rows.rows[0]?.recovery_point ?? undefined;
  }

  /** Deletes expired keys, `batch` at a time; returns how many. Run it from a timer or a job. */
  async sweepExpired(batch = 1000): Promise<number> {
    let total = 0;
    for (;;) {
      const { rowCount } = await this.db.query(this.#sql.sweep, [batch]);
      total += rowCount;
      if (rowCount < batch) return total;
    }
  }
}
