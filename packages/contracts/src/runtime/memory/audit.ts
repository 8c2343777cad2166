import type { AuditRecord, AuditSink } from '../ports.js';
import { BoundedLog } from './bounded-log.js';
import { onCommit } from './unit-of-work.js';

/** An audit record with its position in the trail. */
export type SequencedAuditRecord = AuditRecord & { readonly seq: number };

/** A record as kept: its times as numbers (a `Date` weighs more than the rest of a small record). */
type KeptRecord = Omit<AuditRecord, 'startedAt' | 'finishedAt'> & {
  readonly startedAt: number;
  readonly finishedAt: number;
};

function keep(record: AuditRecord): KeptRecord {
  // Cast: the copy's two times are replaced just below.
  const kept = Object.assign({}, record) as unknown as { -readonly [K in keyof KeptRecord]: KeptRecord[K] };
  kept.startedAt = record.startedAt.getTime();
  kept.finishedAt = record.finishedAt.getTime();
  return kept;
}

/**
 * An in-memory audit trail with a gap-free sequence; records in a transaction appear on commit.
 * It keeps the newest `capacity` records (default 1,000); `seq` keeps counting past dropped ones.
 * For tests and demos: the durable, tamper-evident trail lives in PostgreSQL.
 */
export class MemoryAuditSink implements AuditSink {
  readonly #log: BoundedLog<KeptRecord>;

  constructor(options: { readonly capacity?: number } = {}) {
    this.#log = new BoundedLog(options.capacity ?? 1_000);
  }

  append(record: AuditRecord, tx?: unknown): void {
    // A copy (the caller keeps its object); the sequence number is the position in the log, and
    // freezing waits for a reader: reading pays for it, not every call.
    const kept = keep(record);
    if (tx === undefined) this.#log.push(kept);
    else onCommit(tx, () => this.#log.push(kept));
  }

  /** The records kept, oldest first, each a frozen copy with its sequence number. */
  records(): readonly SequencedAuditRecord[] {
    const first = this.#log.dropped + 1;
    return this.#log.toArray().map((record, i) =>
      Object.freeze({
        ...record,
        startedAt: new Date(record.startedAt),
        finishedAt: new Date(record.finishedAt),
        seq: first + i,
      }),
    );
  }

  /** How many records were dropped to respect the capacity. */
  get dropped(): number {
    return this.#log.dropped;
  }
}
