import type { Contender } from './contender.js';
import type { Timing } from './timing.js';

/** Everything measured for one contender. */
export interface Row {
  readonly name: string;
  readonly freshObject: boolean;
  readonly allIssues: boolean;
  readonly invalidIssues: number;
  readonly valid: Timing;
  readonly invalid: Timing;
}

/** Builds a row from a contender and its measurements. */
export function rowOf(c: Contender, invalidIssues: number, valid: Timing, invalid: Timing): Row {
  return { name: c.name, freshObject: c.freshObject, allIssues: c.allIssues, invalidIssues, valid, invalid };
}

/** `x / base`, rounded to two decimals. */
export function ratio(x: number, base: number): number {
  return Math.round((x / base) * 100) / 100;
}

/** Words for `x` against `base`: "1.10x hand-written", "45x slower than ours", "2.1x faster than ours". */
export function versus(x: number, base: number, label: string): string {
  const r = x / base;
  const digits = (n: number) => (n >= 10 ? n.toFixed(0) : n.toFixed(2));
  if (label !== 'ours') return `${digits(r)}x ${label}`;
  if (r >= 1) return `${digits(r)}x slower than ours`;
  return `${digits(1 / r)}x faster than ours`;
}

function find(rows: readonly Row[], name: string): Row {
  const row = rows.find((r) => r.name === name);
  if (row === undefined) throw new Error(`no results for ${name}`);
  return row;
}

/** A compact fixed-width table: ns per call and ratios to the hand-written validator and to ours. */
export function formatTable(rows: readonly Row[]): string {
  const hand = find(rows, 'hand-written');
  const ours = find(rows, 'ours');
  const header = ['validator', 'valid ns', 'invalid ns', 'issues', 'copy', 'valid/hand', 'invalid/hand'];
  const lines = rows.map((r) => [
    r.name,
    r.valid.avgNs.toFixed(1),
    r.invalid.avgNs.toFixed(1),
    String(r.invalidIssues),
    r.freshObject ? 'yes' : 'no',
    `${ratio(r.valid.avgNs, hand.valid.avgNs).toFixed(2)}x`,
    `${ratio(r.invalid.avgNs, hand.invalid.avgNs).toFixed(2)}x`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const fmt = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  const out = [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(fmt), ''];
  for (const r of rows) {
    if (r === ours) continue;
    out.push(
      `${r.name} valid: ${versus(r.valid.avgNs, ours.valid.avgNs, 'ours')}; invalid: ${versus(r.invalid.avgNs, ours.invalid.avgNs, 'ours')}`,
    );
  }
  return out.join('\n');
}

/** Our two goals, each with the numbers behind the verdict. */
export function goals(
  rows: readonly Row[],
): { readonly name: string; readonly met: boolean; readonly detail: string }[] {
  const hand = find(rows, 'hand-written');
  const ours = find(rows, 'ours');
  const ajv = find(rows, 'ajv (allErrors)');
  const validRatio = ours.valid.avgNs / hand.valid.avgNs;
  const invalidRatio = ours.invalid.avgNs / ajv.invalid.avgNs;
  return [
    {
      name: 'valid input within 1.2x of hand-written',
      met: validRatio <= 1.2,
      detail: `ours valid: ${validRatio.toFixed(3)}x hand-written`,
    },
    {
      name: 'invalid input at least as fast as ajv (allErrors)',
      met: invalidRatio <= 1,
      detail: `ours invalid: ${invalidRatio.toFixed(3)}x ajv (allErrors)`,
    },
  ];
}
