import type { GoalVerdict, ReportSection, ResultsFile, TableRow } from './section.js';

// Sections for results in the `PartResult` format of `src/results.ts` (growth, type-check,
// durable...): `title`, `rows` (objects), `goals` (`{ goal, value, met }`), `notes` (sentences).

/** Whether `file` has a `PartResult`'s title and rows. */
export function isPartResult(file: ResultsFile): boolean {
  return typeof file.title === 'string' && Array.isArray(file.rows);
}

/** A cell's text: numbers with thousands separators and 3 significant decimals at most. */
function cellText(value: unknown): string {
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return value.toLocaleString('en-US');
    const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
    return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return value === undefined || value === null ? '-' : JSON.stringify(value);
}

const list = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : []);

/** The section of a `PartResult` file: its rows as one table, its goals and its notes. */
export function partResultSection(file: ResultsFile): ReportSection {
  const rows = list(file.rows).map((row): TableRow => {
    const cells: Record<string, string> = {};
    for (const [key, value] of Object.entries(row as Record<string, unknown>)) cells[key] = cellText(value);
    return cells;
  });
  const goals = list(file.goals).map((g): GoalVerdict => {
    const { goal, value, met } = g as { goal?: unknown; value?: unknown; met?: unknown };
    return {
      goal: `${file.part}: ${String(goal)}`,
      met: typeof met === 'boolean' ? met : undefined,
      detail: cellText(value),
    };
  });
  const notes = list(file.notes).map((n) => `- ${String(n)}`);
  return {
    title: String(file.title),
    tables: [{ rows }],
    goals,
    ...(notes.length > 0 ? { notes: notes.join('\n') } : {}),
  };
}
