import type { UnitOfWork } from '../ports.js';

/** The transaction handle of {@link MemoryUnitOfWork}: stage effects to apply on commit. */
export interface MemoryTransaction {
  readonly id: number;
  /** Runs `effect` if and only if the transaction commits. */
  onCommit(effect: () => void): void;
}

/**
 * An in-process unit of work: effects staged with `tx.onCommit` apply only when the work
 * resolves, so a handler that throws leaves nothing behind. For tests and single-process demos.
 */
export class MemoryUnitOfWork implements UnitOfWork<MemoryTransaction> {
  #next = 1;
  committed = 0;
  rolledBack = 0;

  run<T>(work: (tx: MemoryTransaction) => Promise<T>): Promise<T> {
    const effects: Array<() => void> = [];
    const tx: MemoryTransaction = { id: this.#next++, onCommit: (effect) => void effects.push(effect) };
    let pending: Promise<T>;
    try {
      pending = work(tx);
    } catch (error) {
      this.rolledBack++;
      return Promise.reject(error);
    }
    // Chained rather than an async function: one promise less per call on the hot path.
    return pending.then(
      (result) => {
        for (const effect of effects) effect();
        this.committed++;
        return result;
      },
      (error: unknown) => {
        this.rolledBack++;
        throw error;
      },
    );
  }
}

/** Applies `effect` on commit when `tx` is a memory transaction, else at once. */
export function onCommit(tx: unknown, effect: () => void): void {
  if (typeof tx === 'object' && tx !== null && typeof (tx as MemoryTransaction).onCommit === 'function') {
    (tx as MemoryTransaction).onCommit(effect);
  } else {
    effect();
  }
}
