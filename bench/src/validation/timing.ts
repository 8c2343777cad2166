import { do_not_optimize, measure } from 'mitata';

/** Timing of one validator on one input. */
export interface Timing {
  /** Mean nanoseconds per call. */
  readonly avgNs: number;
  /** Median nanoseconds per call (of mitata's batched samples). */
  readonly p50Ns: number;
}

/** Measures `validate(input)` with mitata (warm-up, batching, GC between runs when exposed). */
export async function time(
  validate: (input: unknown) => unknown,
  input: unknown,
  minCpuTimeMs: number,
): Promise<Timing> {
  const stats = await measure(() => do_not_optimize(validate(input)), {
    min_cpu_time: minCpuTimeMs * 1e6,
  });
  return { avgNs: stats.avg, p50Ns: stats.p50 };
}
