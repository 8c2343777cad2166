import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** One goal of the issue, checked by a part: what it asks, the measured value, and the verdict. */
export interface GoalResult {
  readonly goal: string;
  readonly value: string;
  readonly met: boolean;
}

/** What one benchmark part writes to `bench/results/<part>.json` (BENCHMARKS.md is built from these). */
export interface PartResult<Row = Record<string, unknown>> {
  readonly part: string;
  readonly title: string;
  /** ISO date-time of the run. */
  readonly date: string;
  readonly rows: readonly Row[];
  readonly goals: readonly GoalResult[];
  /** What the numbers mean and what they leave out, one sentence each. */
  readonly notes: readonly string[];
}

/** `bench/results/<part>.json`. */
export function resultPath(part: string): string {
  return resolve(import.meta.dirname, '../results', `${part}.json`);
}

/** Writes a part's result as indented JSON and returns the path written. */
export function writePartResult<Row>(result: PartResult<Row>): string {
  const path = resultPath(result.part);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(result, null, 2)}\n`);
  return path;
}

/** A plain text table: a header line, a rule and one line per row; numbers right-aligned. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = header.map((_, i) => rows.every((r) => /^[-\d.,x%]*$/.test(r[i] ?? '')));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The median of a non-empty list of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? Number.NaN) + (sorted[mid] ?? Number.NaN)) / 2;
}
