import type { AuditRecord, AuditSink } from '../ports.js';
import { BoundedLog } from './bounded-log.js';
import { onCommit } from './unit-of-work.js';

/** An audit record with its position in the trail. */
export type SequencedAuditRecord = AuditRecord & { readonly seq: number };

/**
 * An in-memory audit trail with a gap-free sequence; records in a transaction appear on commit.
 * It keeps the newest `capacity` records (default 1,000); `seq` keeps counting past dropped ones.
 * For tests and demos: the durable, tamper-evident trail lives in PostgreSQL.
 */
export class MemoryAuditSink implements AuditSink {
  readonly #log: BoundedLog<SequencedAuditRecord>;

  constructor(options: { readonly capacity?: number } = {}) {
    this.#log = new BoundedLog(options.capacity ?? 1_000);
  }

  append(record: AuditRecord, tx?: unknown): void {
    const add = () => {
      const sequenced = Object.assign({}, record) as {
        -readonly [K in keyof SequencedAuditRecord]: SequencedAuditRecord[K];
      };
      sequenced.seq = this.#log.total + 1;
      this.#log.push(Object.freeze(sequenced));
    };
    if (tx === undefined) add();
    else onCommit(tx, add);
  }

  /** The records kept, oldest first. */
  records(): readonly SequencedAuditRecord[] {
    return this.#log.toArray();
  }

  /** How many records were dropped to respect the capacity. */
  get dropped(): number {
    return this.#log.dropped;
  }
}
