// The fuzz loop: batches of hostile requests sent concurrently as one fast-check property, every
// answer checked (status, error shape, leaks) and the prototypes, heap and latencies watched.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { type RawAnswer, send } from './http-client.js';
import { findLeaks, type Leak } from './leak-scan.js';

setFlagsFromString('--expose-gc');
/** The V8 collector (exposed at run time, so the test needs no special flag). */
const collectGarbage = runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

const PROTOTYPES: readonly object[] = [
  Object.prototype,
  Array.prototype,
  Function.prototype,
  String.prototype,
  Number.prototype,
  Boolean.prototype,
  Promise.prototype,
];

/** Every own property (key and value or getter) of the built-in prototypes. */
function prototypeSnapshot(): unknown[][] {
  return PROTOTYPES.map((proto) =>
    Reflect.ownKeys(proto).flatMap((key) => {
      const d = Object.getOwnPropertyDescriptor(proto, key);
      return [key, d?.value ?? d?.get];
    }),
  );
}

function sameSnapshot(a: unknown[][], b: unknown[][]): boolean {
  return a.every((keys, i) => keys.length === b[i]?.length && keys.every((v, j) => Object.is(v, b[i]?.[j])));
}

/** The numbers of a body as the server sees them once parsed (`1e21`, `9007199254740992`), for echo checks. */
function parsedNumbers(body: string | undefined): string {
  const tokens = body?.match(/-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g) ?? [];
  return tokens.map((token) => String(Number(token))).join(' ');
}

/** The error parts of an answer: GraphQL `errors`, JSON-RPC `error`, MCP tool errors, error bodies. */
function errorParts(answer: RawAnswer): string {
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return answer.status >= 400 ? answer.text : '';
  }
  const parts: unknown[] = [];
  for (const message of Array.isArray(body) ? body : [body]) {
    if (typeof message !== 'object' || message === null) continue;
    const { error, errors, result } = message as {
      error?: unknown;
      errors?: unknown;
      result?: { isError?: unknown };
    };
    parts.push(error, errors, result?.isError === true ? result : undefined);
  }
  return JSON.stringify(parts.filter((part) => part !== undefined));
}

/** One hostile request: where, how, and a label for the report. */
export interface HostileRequest {
  readonly url: string;
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly label: string;
}

/** What a fuzz run saw. */
export interface FuzzReport {
  readonly cases: number;
  readonly fiveXx: number;
  /** Requests that got no HTTP answer (connection reset, server gone). */
  readonly crashes: number;
  readonly leaks: readonly Leak[];
  readonly echoes: readonly Leak[];
  readonly prototypeIntact: boolean;
  readonly latenciesMs: readonly number[];
  readonly heapGrowthMiB: number;
  readonly statuses: Readonly<Record<number, number>>;
  /** The first problems found (status, leak, transport-specific check), with their requests. */
  readonly problems: readonly string[];
  /** fast-check's report when the property failed (seed, counterexample), else undefined. */
  readonly failure: string | undefined;
}

/** Options of {@link fuzz}. */
export interface FuzzOptions {
  readonly requests: fc.Arbitrary<HostileRequest>;
  readonly cases: number;
  readonly secrets: readonly string[];
  /** A transport's own check of an answer (e.g. an error body with a stable code); a problem or undefined. */
  readonly check?: (answer: RawAnswer, sent: HostileRequest) => string | undefined;
  /** Requests in flight at once (default 8). */
  readonly concurrency?: number;
}

/**
 * Sends `cases` hostile requests in concurrent batches as one fast-check property (seeded by
 * FC_SEED when set): every answer must be under 500, scanned clean, and pass `check`; the
 * prototypes must stay intact. Heap growth is measured after GC from the fifth batch on.
 */
export async function fuzz(options: FuzzOptions): Promise<FuzzReport> {
  const batchSize = options.concurrency ?? 8;
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  const leaks: Leak[] = [];
  const echoes: Leak[] = [];
  const problems: string[] = [];
  const before = prototypeSnapshot();
  let prototypeIntact = true;
  let fiveXx = 0;
  let crashes = 0;
  let batches = 0;
  let baseline = 0;
  const one = async (sent: HostileRequest): Promise<boolean> => {
    const started = performance.now();
    let answer: RawAnswer;
    try {
      answer = await send(sent.url, sent);
    } catch (error) {
      crashes++;
      problems.push(`no answer (${String(error)}) to ${sent.label}`);
      return false;
    }
    latencies.push(performance.now() - started);
    statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
    let ok = true;
    const fail = (problem: string) => {
      ok = false;
      if (problems.length < 20) problems.push(`${problem}: ${sent.label} ${sent.body?.slice(0, 160) ?? ''}`);
    };
    if (answer.status >= 500) {
      fiveXx++;
      fail(`${answer.status} ${answer.text.slice(0, 200)}`);
    }
    const scanned = errorParts(answer);
    const scan = findLeaks(
      scanned,
      options.secrets,
      `${sent.url} ${sent.body ?? ''} ${parsedNumbers(sent.body)}`,
    );
    for (const leak of scan) {
      if (leak.echo) echoes.push(leak);
      else {
        leaks.push(leak);
        fail(`leaked ${leak.kind} ${leak.match} in ...${leak.context}...`);
      }
    }
    const problem = options.check?.(answer, sent);
    if (problem !== undefined) fail(problem);
    return ok;
  };
  const seed = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
  const details = await fc.check(
    fc.asyncProperty(
      fc.array(options.requests, { minLength: batchSize, maxLength: batchSize }),
      async (batch) => {
        const results = await Promise.all(batch.map(one));
        if (++batches === 5) baseline = heapAfterGc();
        const intact = sameSnapshot(before, prototypeSnapshot()) && Reflect.get({}, 'polluted') === undefined;
        if (!intact) {
          prototypeIntact = false;
          problems.push(`a prototype changed after: ${batch.map((r) => r.label).join(' | ')}`);
        }
        return intact && results.every(Boolean);
      },
    ),
    { numRuns: Math.ceil(options.cases / batchSize), ...(seed === undefined ? {} : { seed }) },
  );
  const heapGrowthMiB = (heapAfterGc() - baseline) / 2 ** 20;
  return {
    cases: latencies.length + crashes,
    fiveXx,
    crashes,
    leaks,
    echoes,
    prototypeIntact,
    latenciesMs: latencies,
    heapGrowthMiB,
    statuses,
    problems,
    failure: details.failed ? fc.defaultReportMessage(details) : undefined,
  };
}
