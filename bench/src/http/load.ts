import autocannon from 'autocannon';
import { runWrk, wrkAvailable } from './wrk.js';

/**
 * Load settings: 50 connections, no pipelining; per server and round a warm-up run (2 s: enough for
 * the JIT and the heap to settle under wrk's rate) then a measured
 * run for each body (the first body's warm-up also warms the server up; the second body's is
 * shorter); `rounds` rounds, the order of the servers alternating between them (see `main.ts`).
 * `BENCH_HTTP_ROUNDS` falls back to `BENCH_ROUNDS`, the knob of the other benchmarks.
 */
export const LOAD = {
  rounds: Math.max(1, Number(process.env.BENCH_HTTP_ROUNDS ?? process.env.BENCH_ROUNDS ?? 3)),
  connections: Number(process.env.BENCH_HTTP_CONNECTIONS ?? 50),
  pipelining: 1,
  warmupSeconds: Number(process.env.BENCH_HTTP_WARMUP ?? 2),
  secondWarmupSeconds: Number(process.env.BENCH_HTTP_WARMUP2 ?? 0.5),
  seconds: Number(process.env.BENCH_HTTP_SECONDS ?? 2),
} as const;

/** One request, sent over and over: its body, its headers, and the test every answer's body must pass. */
export interface LoadRequest {
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  /** False for a wrong answer body (counted as a mismatch). */
  readonly verify: (text: string) => boolean;
}

/** One autocannon run, with latencies of every response (autocannon's own histogram keeps whole ms). */
export interface LoadRun {
  readonly requests: number;
  readonly seconds: number;
  /** Responses by status code. */
  readonly statuses: Readonly<Record<string, number>>;
  readonly errors: number;
  /** Answers whose body failed the request's `verify`. */
  readonly mismatches: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** The load generator's own CPU time over the run, as a share of one core. */
  readonly clientCpu: number;
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

/** Which load generator runs: wrk when installed (unless BENCH_HTTP_CLIENT=autocannon), else autocannon. */
export const LOAD_GENERATOR: 'wrk' | 'autocannon' = wrkAvailable ? 'wrk' : 'autocannon';

/** Posts the request to `url` for `seconds`: with wrk in a child process, or autocannon in this one. */
export function runLoad(url: string, request: LoadRequest, seconds: number): Promise<LoadRun> {
  return wrkAvailable
    ? runWrk(url, request, seconds, LOAD.connections)
    : runAutocannon(url, request, seconds);
}

function runAutocannon(url: string, request: LoadRequest, seconds: number): Promise<LoadRun> {
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  const cpuBefore = process.cpuUsage();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        headers: { ...request.headers },
        body: request.body,
        verifyBody: (text) => typeof text === 'string' && request.verify(text),
        connections: LOAD.connections,
        pipelining: LOAD.pipelining,
        duration: seconds,
      },
      (error: unknown, result) => {
        if (error) return reject(error);
        const cpu = process.cpuUsage(cpuBefore);
        const sorted = latencies.subarray(0, count).sort();
        const statuses: Record<string, number> = {};
        for (const [code, stat] of Object.entries(result.statusCodeStats ?? {}))
          statuses[code] = stat.count ?? 0;
        resolve({
          requests: result.requests.total,
          seconds: result.duration,
          statuses,
          errors: result.errors + result.timeouts,
          mismatches: result.mismatches,
          p50Ms: percentile(sorted, 0.5),
          p99Ms: percentile(sorted, 0.99),
          clientCpu: (cpu.user + cpu.system) / 1e6 / result.duration,
        });
      },
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      if (count === latencies.length) {
        const grown = new Float64Array(count * 2);
        grown.set(latencies);
        latencies = grown;
      }
      latencies[count++] = responseTime;
    });
  });
}
