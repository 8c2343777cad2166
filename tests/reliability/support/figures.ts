// Figures of the reliability suite: each scenario records what it measured, and
// `npm run test:reliability` prints them as one table (scripts/reliability-report.mjs).
import { appendFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** One row of the report: a scenario, how many times it ran, what it measured, and the verdict. */
export interface Figure {
  /** Section of the report: load, faults, bad-input, nothing-lost, nobody-let-in. */
  readonly section: 'load' | 'faults' | 'bad-input' | 'nothing-lost' | 'nobody-let-in';
  readonly scenario: string;
  /** Calls, cases or repetitions behind the figure. */
  readonly runs: number;
  /** What was measured, in words and numbers: `0 duplicate charges, p50 41 ms, p99 180 ms`. */
  readonly figure: string;
  readonly pass: boolean;
}

/** Where figures go: `RELIABILITY_FIGURES`, else a file in the system's temporary folder. */
export const FIGURES_FILE =
  process.env.RELIABILITY_FIGURES ?? join(tmpdir(), 'lssm-reliability', 'figures.jsonl');

/** Whether this is the long run (`npm run test:soak`). */
export const SOAK = process.env.RELIABILITY_SOAK === '1';

/** `ci` in normal runs, `soak` in the long one. */
export function scaled(ci: number, soak: number): number {
  return SOAK ? soak : ci;
}

/** Records a figure (appended as one JSON line; safe from parallel test files) and logs it. */
export function recordFigure(figure: Figure): void {
  mkdirSync(dirname(FIGURES_FILE), { recursive: true });
  appendFileSync(FIGURES_FILE, `${JSON.stringify(figure)}\n`);
  console.log(
    `[reliability] ${figure.pass ? 'PASS' : 'FAIL'} ${figure.section} / ${figure.scenario}: ${figure.figure} (${figure.runs} runs)`,
  );
}

/** The p-th percentile (0-100) of a list of numbers, nearest rank; NaN for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}
