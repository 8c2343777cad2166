import type { Body } from './row.js';
import type { BodySummary, ServerSummary } from './summary.js';

const BODIES: readonly Body[] = ['valid', 'invalid'];
/** Allocation moves by a few percent between runs; CPU time by more. */
export const TOLERANCE = { allocation: 0.1, cpu: 0.15 } as const;
/** The benchmark issue's goal: at most 1.5x bare's bytes per request. */
export const ALLOCATION_GOAL = 1.5;

/** One judged figure of one server and body. */
export interface Verdict {
  readonly what: string;
  readonly now: number;
  readonly baseline: number | undefined;
  readonly limit: number;
  readonly passed: boolean;
}

function figure(
  what: string,
  now: number,
  baseline: number | undefined,
  tolerance: number,
  cap = Number.POSITIVE_INFINITY,
): Verdict {
  const limit = Math.min(baseline === undefined ? cap : baseline * (1 + tolerance), cap);
  return { what, now, baseline, limit, passed: !Number.isNaN(now) && now <= limit };
}

/** Each of our servers' allocation and CPU ratios against the baseline run's and the goal. */
export function judge(now: readonly ServerSummary[], baseline: readonly ServerSummary[]): Verdict[] {
  const verdicts: Verdict[] = [];
  for (const server of now) {
    if (server.server === 'bare') continue;
    const before = baseline.find((s) => s.server === server.server);
    for (const body of BODIES) {
      const at: BodySummary | undefined = server[body];
      const then: BodySummary | undefined = before?.[body];
      const name = `${server.server} ${body}`;
      verdicts.push(
        figure(
          `${name}: KB x bare`,
          at?.allocationRatio ?? Number.NaN,
          then?.allocationRatio,
          TOLERANCE.allocation,
          ALLOCATION_GOAL,
        ),
        figure(`${name}: CPU x bare`, at?.cpuRatio ?? Number.NaN, then?.cpuRatio, TOLERANCE.cpu),
      );
    }
  }
  return verdicts;
}
