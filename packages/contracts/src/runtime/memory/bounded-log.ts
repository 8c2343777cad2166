/**
 * An append-only list that keeps the newest `capacity` entries, so in-memory ports used by a
 * long-running dev server or a benchmark do not grow without bound: a ring of at most `capacity`
 * entries, O(1) append, and a dropped entry is no longer referenced.
 */
export class BoundedLog<T> {
  readonly #items: T[] = [];
  /** Once full, where the oldest entry is (and the next one goes). */
  #head = 0;
  #dropped = 0;

  constructor(readonly capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1)
      throw new RangeError('capacity must be a positive integer');
  }

  /** Appends one entry, dropping (and no longer referencing) the oldest when full. */
  push(item: T): void {
    if (this.#items.length < this.capacity) {
      this.#items.push(item);
      return;
    }
    this.#items[this.#head] = item;
    this.#head = this.#head + 1 === this.capacity ? 0 : this.#head + 1;
    this.#dropped++;
  }

  /** The entries kept, oldest first (a copy). */
  toArray(): T[] {
    const items = this.#items;
    return this.#head === 0 ? items.slice() : items.slice(this.#head).concat(items.slice(0, this.#head));
  }

  /** How many entries were dropped to respect the capacity. */
  get dropped(): number {
    return this.#dropped;
  }

  /** How many entries were ever appended. */
  get total(): number {
    return this.#items.length + this.#dropped;
  }
}
