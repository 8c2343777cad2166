import type { AuditRecord, AuditSink } from '../ports.js';
import { onCommit } from './unit-of-work.js';

/** An in-memory audit trail with a gap-free sequence; records in a transaction appear on commit. */
export class MemoryAuditSink implements AuditSink {
  readonly #records: Array<AuditRecord & { readonly seq: number }> = [];

  async append(record: AuditRecord, tx?: unknown): Promise<void> {
    const add = () => void this.#records.push(Object.freeze({ ...record, seq: this.#records.length + 1 }));
    if (tx === undefined) add();
    else onCommit(tx, add);
  }

  /** The records so far, oldest first. */
  records(): readonly (AuditRecord & { readonly seq: number })[] {
    return [...this.#records];
  }
}
