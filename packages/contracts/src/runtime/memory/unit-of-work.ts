import type { UnitOfWork } from '../ports.js';

/** The transaction handle of {@link MemoryUnitOfWork}: stage effects to apply on commit. */
export interface MemoryTransaction {
  readonly id: number;
  /** Runs `effect` if and only if the transaction commits. */
  onCommit(effect: () => void): void;
}

/** A memory transaction: its staged effects, made only when the first one is staged. */
class StagedEffects implements MemoryTransaction {
  #effects: Array<() => void> | undefined;
  constructor(readonly id: number) {}

  onCommit(effect: () => void): void {
    if (this.#effects === undefined) this.#effects = [effect];
    else this.#effects.push(effect);
  }

  apply(): void {
    if (this.#effects !== undefined) for (const effect of this.#effects) effect();
  }
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
    const tx = new StagedEffects(this.#next++);
    let running: Promise<T>;
    try {
      running = Promise.resolve(work(tx));
    } catch (error) {
      running = Promise.reject(error);
    }
    return running.then(
      (result) => {
        tx.apply();
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
