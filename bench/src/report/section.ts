import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

// The contract between the benchmark parts and BENCHMARKS.md: each part writes
// `bench/results/<part>.json` (or `$BENCH_RESULTS_DIR/<part>.json`), an object with at least
// `part` and `generatedAt`. A part whose file carries a `section` (below) is rendered from it as
// it is; one in the `PartResult` format of `src/results.ts` (`title`, `rows`, `goals`, `notes`) is
// rendered by `part-result.ts`; `validation`, `pipeline` and `http` have renderers of their own.
// `benchmarks-md.ts` assembles BENCHMARKS.md from every file present.

/** A goal's verdict: met, missed, or not measured (`met` undefined). */
export interface GoalVerdict {
  readonly goal: string;
  readonly met: boolean | undefined;
  /** The figures behind the verdict (`valid 0.59x, invalid 0.67x`). */
  readonly detail: string;
}

/** One table row: column name to cell text; the first row's keys give the columns and their order. */
export type TableRow = Readonly<Record<string, string>>;

/** A table of a section (Markdown-ready cell texts). */
export interface ReportTable {
  readonly title?: string;
  readonly rows: readonly TableRow[];
}

/** What a part contributes to BENCHMARKS.md. */
export interface ReportSection {
  readonly title: string;
  /** Markdown under the title: what is measured and how. */
  readonly intro?: string;
  readonly tables: readonly ReportTable[];
  readonly goals?: readonly GoalVerdict[];
  /** Markdown after the tables (fidelity notes, caveats). */
  readonly notes?: string;
}

/** A results file as read back: its part, when it was written, and whatever the part stored. */
export interface ResultsFile {
  readonly part: string;
  readonly generatedAt: string;
  readonly section?: ReportSection;
  readonly [key: string]: unknown;
}

/** Where results files go: `$BENCH_RESULTS_DIR`, else `bench/results`. */
export function resultsDir(): string {
  return process.env.BENCH_RESULTS_DIR ?? resolve(import.meta.dirname, '../../results');
}

// Five significant digits. Biome formats the JSON files too: avoid arrays of numbers or short
// strings in results (it would fold them onto one line); objects stay as written.
const round = (_: string, v: unknown) =>
  typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(5)) : v;

/**
 * Writes `<resultsDir>/<part>.json`: `data` with `part` and `generatedAt` (now) added, numbers
 * rounded to five significant digits. Returns the path.
 */
export function writeResults(part: string, data: Readonly<Record<string, unknown>>): string {
  const dir = resultsDir();
  mkdirSync(dir, { recursive: true });
  const path = resolve(dir, `${part}.json`);
  const file = { part, generatedAt: new Date().toISOString(), ...data };
  writeFileSync(path, `${JSON.stringify(file, round, 2)}\n`);
  return path;
}

/**
 * Every results file in `dir`, by part (the file name without `.json`). `generatedAt` is the
 * file's own (or its `date`), else the file's modification time.
 */
export function readResults(dir: string = resultsDir()): Map<string, ResultsFile> {
  const found = new Map<string, ResultsFile>();
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return found;
  }
  for (const name of names.sort()) {
    const part = name.slice(0, -'.json'.length);
    const path = resolve(dir, name);
    const data = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    const stamp = data.generatedAt ?? data.date;
    const generatedAt = typeof stamp === 'string' ? stamp : statSync(path).mtime.toISOString();
    found.set(part, { ...data, part, generatedAt });
  }
  return found;
}
