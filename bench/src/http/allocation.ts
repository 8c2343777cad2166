import { GCProfiler, getHeapStatistics } from 'node:v8';

// Bytes allocated on the V8 heap since `start`: the growth of the used heap between collections,
// summed (what each collection found in use, minus what the previous one left). Steadier than
// requests/s on a noisy machine, so it serves as the regression figure.

interface GcRecord {
  readonly beforeGC: { readonly heapStatistics: { readonly usedHeapSize: number } };
  readonly afterGC: { readonly heapStatistics: { readonly usedHeapSize: number } };
}

/** Counts heap allocation across garbage collections; `read()` may be called repeatedly. */
export class AllocationCounter {
  #profiler = new GCProfiler();
  #total = 0;
  #left = 0;

  start(): void {
    this.#left = getHeapStatistics().used_heap_size;
    this.#profiler.start();
  }

  /** Bytes allocated since `start`. */
  read(): number {
    const { statistics } = this.#profiler.stop() as { statistics: readonly GcRecord[] };
    for (const gc of statistics) {
      this.#total += Math.max(0, gc.beforeGC.heapStatistics.usedHeapSize - this.#left);
      this.#left = gc.afterGC.heapStatistics.usedHeapSize;
    }
    const used = getHeapStatistics().used_heap_size;
    const total = this.#total + Math.max(0, used - this.#left);
    this.#total = total;
    this.#left = used;
    this.#profiler = new GCProfiler();
    this.#profiler.start();
    return total;
  }
}
