/**
 * An append-only list that keeps the newest `capacity` entries, so in-memory ports used by a
 * long-running dev server or a benchmark do not grow without bound. O(1) append.
 */
export class BoundedLog<T> {
  readonly #items: T[] = [];
  #start = 0;
  #dropped = 0;

  constructor(readonly capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1)
      throw new RangeError('capacity must be a positive integer');
  }

  /** Appends one entry, dropping the oldest when full. */
  push(item: T): void {
    this.#items.push(item);
    if (this.#items.length - this.#start > this.capacity) {
      this.#start++;
      this.#dropped++;
      if (this.#start > 1024 && this.#start * 2 > this.#items.length) {
        this.#items.splice(0, this.#start);
        this.#start = 0;
      }
    }
  }

  /** The entries kept, oldest first (a copy). */
  toArray(): T[] {
    return this.#items.slice(this.#start);
  }

  /** How many entries were dropped to respect the capacity. */
  get dropped(): number {
    return this.#dropped;
  }

  /** How many entries were ever appended. */
  get total(): number {
    return this.#items.length - this.#start + this.#dropped;
  }
}
