import { Agent, request } from 'node:http';
import { INVOICES } from './app.js';
import { percentile } from './stats.js';

/** How a load run went. */
export interface LoadResult {
  /** 200 answers completed inside the measured window, per second (latencies: of those answers). */
  readonly capturesPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Every answer of the run (warm-up included) by status; anything but 200 is a failure. */
  readonly statuses: Readonly<Record<string, number>>;
  /** 200 answers of the whole run, warm-up included (what the database must hold). */
  readonly okTotal: number;
}

/** Options of {@link runLoad}. */
export interface LoadOptions {
  readonly urls: readonly string[];
  readonly concurrency: number;
  readonly warmupMs: number;
  readonly measureMs: number;
  /** Prefix of request ids and idempotency keys, unique per run. */
  readonly tag: string;
}

function post(agent: Agent, url: URL, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((done, fail) => {
    const req = request(url, { method: 'POST', agent, headers }, (res) => {
      res.resume();
      res.on('end', () => done(res.statusCode ?? 0));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(body);
  });
}

/**
 * `concurrency` callers, each posting captures one after another over keep-alive connections, spread
 * round-robin over the servers; a fresh idempotency key and request id per call.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const targets = options.urls.map((u) => new URL(`${u}/billing.capturePayment`));
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  let next = 0;
  let measured = 0;
  let okTotal = 0;
  const measureFrom = performance.now() + options.warmupMs;
  const end = measureFrom + options.measureMs;
  const caller = async () => {
    while (performance.now() < end) {
      const n = next++;
      const id = `${options.tag}-${n}`;
      const body = JSON.stringify({
        invoiceId: `inv_${n % INVOICES}`,
        amount: 10 + (n % 90),
        currency: 'EUR',
        paymentMethodId: 'pm_card_visa',
      });
      const sent = performance.now();
      const status = await post(agent, targets[n % targets.length] as URL, body, {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
        authorization: 'Bearer alice',
        'idempotency-key': id,
        'x-request-id': id,
      });
      const doneAt = performance.now();
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status === 200) okTotal++;
      if (status === 200 && doneAt >= measureFrom && doneAt <= end) {
        measured++;
        latencies.push(doneAt - sent);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, caller));
  agent.destroy();
  return {
    capturesPerSecond: measured / (options.measureMs / 1000),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    statuses,
    okTotal,
  };
}
