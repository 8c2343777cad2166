// Measures one size (argv[2] ops) in a fresh process: build time, memory, first request, requests/s.
// Prints one JSON line (a GrowthSample). Run with --expose-gc and --conditions=@lssm/source.
import { handleRest, type RestRequest, type SpecRegistry } from '@lssm/lib.contracts';
import { GENERATED_BODY, generatedRegistry, middleCommand, opName } from './ops.js';

/** What one child measured. */
export interface GrowthSample {
  readonly ops: number;
  readonly buildMs: number;
  readonly heapBytesPerOp: number;
  readonly firstRequestMs: number;
  /** Responses per wall-clock second (sequential awaited calls). */
  readonly requestsPerSecond: number;
  /** Responses per second of this process's CPU time: steadier when other work shares the cores. */
  readonly requestsPerCpuSecond: number;
  readonly requests: number;
}

const ops = Number(process.argv[2]);
const seconds = Number(process.env.BENCH_GROWTH_SECONDS ?? 2);
const gc = globalThis.gc;
if (gc === undefined) throw new Error('run with --expose-gc');

const BODY = { kind: 'text', text: GENERATED_BODY } as const;
const NO_QUERY = new URLSearchParams();
const HEADERS: Record<string, string> = {
  'content-type': 'application/json',
  'content-length': String(Buffer.byteLength(GENERATED_BODY)),
  authorization: 'Bearer alice',
};
const path = `/api/ops/${opName(middleCommand(ops))}`;

/** A synthetic POST to the middle command: no socket, so only routing and the pipeline are timed. */
function request(): RestRequest {
  return {
    method: 'POST',
    path,
    query: NO_QUERY,
    header: (name) => HEADERS[name],
    readBody: async () => BODY,
    clientKey: '127.0.0.1',
  };
}

const context = () => ({ actor: 'user' as const, userId: 'alice' });

async function call(registry: SpecRegistry): Promise<void> {
  const response = await handleRest(registry, request(), context);
  if (response.status !== 200) throw new Error(`expected 200, got ${response.status}: ${response.body}`);
}

gc();
const heapBefore = process.memoryUsage().heapUsed;
const buildStarted = performance.now();
const registry = generatedRegistry(ops);
const buildMs = performance.now() - buildStarted;
const firstStarted = performance.now();
await call(registry);
const firstRequestMs = performance.now() - firstStarted;
gc();
const heapBytesPerOp = (process.memoryUsage().heapUsed - heapBefore) / ops;

// Warm-up (a quarter of the window), then sequential awaited calls for the measured window.
const warmUntil = performance.now() + (seconds * 1000) / 4;
while (performance.now() < warmUntil) await call(registry);
let requests = 0;
const cpuBefore = process.cpuUsage();
const started = performance.now();
const until = started + seconds * 1000;
while (performance.now() < until) {
  for (let i = 0; i < 64; i++) await call(registry);
  requests += 64;
}
const requestsPerSecond = requests / ((performance.now() - started) / 1000);
const cpu = process.cpuUsage(cpuBefore);
const requestsPerCpuSecond = requests / ((cpu.user + cpu.system) / 1e6);
const sample: GrowthSample = {
  ops,
  buildMs,
  heapBytesPerOp,
  firstRequestMs,
  requestsPerSecond,
  requestsPerCpuSecond,
  requests,
};
console.log(JSON.stringify(sample));
