import autocannon from 'autocannon';
import { AUTHORIZATION } from './wire.js';

/** Load settings: 50 connections, no pipelining, a warm-up run then a measured run. */
export const LOAD = {
  connections: Number(process.env.BENCH_HTTP_CONNECTIONS ?? 50),
  pipelining: 1,
  warmupSeconds: Number(process.env.BENCH_HTTP_WARMUP ?? 2),
  seconds: Number(process.env.BENCH_HTTP_SECONDS ?? 5),
} as const;

/** One autocannon run, with latencies of every response (autocannon's own histogram keeps whole ms). */
export interface LoadRun {
  readonly requests: number;
  readonly seconds: number;
  /** Responses by status code. */
  readonly statuses: Readonly<Record<string, number>>;
  readonly errors: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** The load generator's own CPU time over the run, as a share of one core. */
  readonly clientCpu: number;
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

/** Posts `body` to `url` with the bearer header for `seconds`, from this process. */
export function runLoad(url: string, body: string, seconds: number): Promise<LoadRun> {
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  const cpuBefore = process.cpuUsage();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: AUTHORIZATION },
        body,
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
