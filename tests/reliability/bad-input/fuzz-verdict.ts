// Judging a fuzz run: the limits, the figure and pass/fail of a report, the error-body shape
// check of our HTTP transports, and the count of echoes of the client's own input.
import { percentile } from '../support/figures.js';
import type { FuzzReport } from './fuzz-loop.js';
import type { RawAnswer } from './http-client.js';

/** Limits a fuzz run must stay within. */
export const FUZZ_LIMITS = { heapGrowthMiB: 64, p99Ms: 2_000, maxMs: 15_000 } as const;

/** The figure of a fuzz run, and whether it passes every limit. */
export function verdict(report: FuzzReport): { figure: string; pass: boolean } {
  const p99 = percentile(report.latenciesMs, 99);
  const max = Math.max(...report.latenciesMs);
  const figure =
    `${report.cases.toLocaleString('en-US')} cases, ${report.fiveXx} × 5xx, ${report.crashes} crashes, ` +
    `${report.leaks.length} leaks (${report.echoes.length} echoes of input${report.echoes.length > 0 ? `: ${echoKinds(report)}` : ''}), ` +
    `prototype ${report.prototypeIntact ? 'intact' : 'CHANGED'}, p99 ${p99.toFixed(0)} ms, max ${max.toFixed(0)} ms, ` +
    `heap ${report.heapGrowthMiB >= 0 ? '+' : ''}${report.heapGrowthMiB.toFixed(1)} MiB`;
  const pass =
    report.failure === undefined &&
    report.fiveXx === 0 &&
    report.crashes === 0 &&
    report.leaks.length === 0 &&
    report.prototypeIntact &&
    report.heapGrowthMiB < FUZZ_LIMITS.heapGrowthMiB &&
    p99 < FUZZ_LIMITS.p99Ms &&
    max < FUZZ_LIMITS.maxMs;
  return { figure, pass };
}

/** Checks an error answer of our HTTP transports: JSON `{ error: { code, message } }` with a stable code. */
export function checkErrorBody(answer: RawAnswer): string | undefined {
  if (answer.status < 400 || answer.status === 431) return undefined;
  try {
    const body = JSON.parse(answer.text) as { error?: { code?: unknown; message?: unknown } };
    const code = body.error?.code;
    if (typeof code !== 'string' || !/^[A-Z][A-Z_]*$/.test(code))
      return `no stable error code in ${answer.text.slice(0, 200)}`;
    if (typeof body.error?.message !== 'string') return 'an error without a message';
  } catch {
    return `a non-JSON ${answer.status} answer: ${answer.text.slice(0, 200)}`;
  }
  return undefined;
}

/** How many echoes of each kind a run saw, e.g. `card-like digits 12, SQL 3`. */
export function echoKinds(report: FuzzReport): string {
  const counts = new Map<string, number>();
  for (const echo of report.echoes) counts.set(echo.kind, (counts.get(echo.kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => `${kind} ${n}`).join(', ') || 'none';
}
