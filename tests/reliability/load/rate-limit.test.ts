// Rate limiting under abuse, with the app's own configuration: billing.capturePayment allows 60
// calls per 60 s per caller. With REDIS_URL (set by the cluster when Redis answers) the three
// processes share one budget per caller, counted in Redis (a fixed 60 s window); without it each
// process keeps its own (in-memory GCRA: a burst of 60, then one a second). One actor floods the
// three processes: past the budget it gets 429 with Retry-After; another actor's captures meanwhile
// stay as fast as without the flood (within the noise of a shared 2-core machine).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { percentile, recordFigure } from '../support/figures.js';
import { type CallOutcome, callOp, inPool, isServerFault, tally } from './calls.js';
import { type Cluster, postgresMissing, startCluster } from './cluster.js';

const CAPTURE = 'billing.capturePayment';
const BUDGET = 60;
/** The victims' captures per phase (with and without the flood): 2 x 75 over 3 victims stays in budget. */
const VICTIM_CALLS = 75;
const VICTIMS = ['victim-1', 'victim-2', 'victim-3'];
const VICTIM_CONCURRENCY = 3;
const ABUSER_CONCURRENCY = 8;

describe.skipIf(await postgresMissing())('rate limiting under abuse on three processes', () => {
  let cluster: Cluster;
  let victimInvoices: string[] = [];
  let abuserInvoice = '';
  beforeAll(async () => {
    cluster = await startCluster('ratelimit');
    await cluster.addMembers('victim', VICTIMS.length);
    await cluster.addMembers('abuser', 1);
    victimInvoices = await cluster.addInvoices(VICTIMS, 2 * VICTIM_CALLS);
    [abuserInvoice] = (await cluster.addInvoices(['abuser-1'], 1)) as [string];
  }, 600_000);
  afterAll(async () => cluster?.close(), 60_000);

  /** The victims pay their invoices from `offset`, a few at a time, over every process. */
  async function victimRun(offset: number): Promise<CallOutcome[]> {
    const tokens = await Promise.all(VICTIMS.map((v) => cluster.tokenOf(v)));
    // addInvoices gives owners in turn: invoice offset + i belongs to VICTIMS[(offset + i) % 3].
    return inPool(VICTIM_CALLS, VICTIM_CONCURRENCY, (i) =>
      callOp(
        cluster.urls[i % cluster.urls.length] as string,
        'rest',
        CAPTURE,
        { invoiceId: victimInvoices[offset + i], paymentMethodId: 'pm_card_visa' },
        { token: tokens[(offset + i) % VICTIMS.length] as string, idempotencyKey: randomUUID() },
      ),
    );
  }

  it('answers the abuser 429 with Retry-After and leaves the other actor unaffected', async () => {
    const baseline = await victimRun(0);
    const token = await cluster.tokenOf('abuser-1');
    const abuse: CallOutcome[] = [];
    let flooding = true;
    const started = performance.now();
    const flood = Promise.all(
      Array.from({ length: ABUSER_CONCURRENCY }, async (_, worker) => {
        for (let n = worker; flooding; n += ABUSER_CONCURRENCY) {
          const input = { invoiceId: abuserInvoice, paymentMethodId: 'pm_card_visa' };
          const url = cluster.urls[n % cluster.urls.length] as string;
          abuse.push(await callOp(url, 'rest', CAPTURE, input, { token, idempotencyKey: randomUUID() }));
        }
      }),
    );
    // The flood first spends its budget on every process; the victim is measured once it is refused.
    const deadline = Date.now() + 90_000;
    while (abuse.filter((a) => a.status === 429).length < ABUSER_CONCURRENCY * 3 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    const underAbuse = await victimRun(VICTIM_CALLS);
    flooding = false;
    await flood;
    const seconds = (performance.now() - started) / 1000;

    const limited = abuse.filter((a) => a.status === 429);
    const withRetryAfter = limited.filter((a) => Number(a.retryAfter) >= 1);
    const allowed = abuse.filter((a) => a.status !== 429);
    // Shared (Redis, fixed window from the first call): one budget per window the flood touched.
    // Per process (GCRA): each process's burst plus one a second.
    const shared = cluster.rateLimits === 'redis';
    const maxAllowed = shared
      ? BUDGET * (Math.floor(seconds / 60) + 1)
      : cluster.urls.length * (BUDGET + Math.ceil(seconds) + 1);
    const ms = (answers: CallOutcome[], p: number) =>
      percentile(
        answers.map((a) => a.ms),
        p,
      );
    const [base50, base99, abuse50, abuse99] = [
      ms(baseline, 50),
      ms(baseline, 99),
      ms(underAbuse, 50),
      ms(underAbuse, 99),
    ];
    const victimErrors = [...baseline, ...underAbuse].filter((a) => a.code !== 'OK');
    const p99Bound = 3 * base99 + 20;
    // The issue's bound, on p99 only: on this shared machine p50 moves with every neighbour's load.
    const unaffected = abuse99 < p99Bound;
    const pass =
      limited.length > 0 &&
      withRetryAfter.length === limited.length &&
      allowed.length <= maxAllowed &&
      !abuse.some(isServerFault) &&
      victimErrors.length === 0 &&
      unaffected;
    recordFigure({
      section: 'load',
      scenario: `Rate limiting under abuse (app budget 60/min/caller, ${shared ? 'shared in Redis' : 'per process'})`,
      runs: abuse.length + baseline.length + underAbuse.length,
      figure:
        `abuser: ${abuse.length} calls in ${seconds.toFixed(0)} s, ${limited.length} x 429 (${withRetryAfter.length} with Retry-After), ` +
        `${allowed.length} let through (bound ${maxAllowed}: ${shared ? 'one budget for 3 processes' : '3 processes x own budget'}); other actors p50/p99 ` +
        `${base50.toFixed(0)}/${base99.toFixed(0)} ms alone, ${abuse50.toFixed(0)}/${abuse99.toFixed(0)} ms under abuse ` +
        `(bound p99 < ${p99Bound.toFixed(0)} ms), ${victimErrors.length} errors`,
      pass,
    });
    console.log(
      `[rate-limit] abuser answers ${JSON.stringify(tally(abuse, (a) => `${a.status} ${a.code}`))}`,
    );
    expect(tally(victimErrors, (a) => a.code)).toEqual({});
    expect(limited.length).toBeGreaterThan(0);
    expect(withRetryAfter).toHaveLength(limited.length);
    expect(abuse.filter(isServerFault)).toEqual([]);
    expect(allowed.length).toBeLessThanOrEqual(maxAllowed);
    expect(abuse99).toBeLessThan(p99Bound);
  }, 300_000);
});
