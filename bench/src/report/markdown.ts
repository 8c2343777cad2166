import type { GoalVerdict, ReportSection, ReportTable } from './section.js';

/** A cell's text made safe for a Markdown table (pipes escaped, no line breaks). */
const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** A Markdown table: the first row's keys are the columns. */
export function markdownTable(table: ReportTable): string {
  const first = table.rows[0];
  if (first === undefined) return '_(no rows)_';
  const columns = Object.keys(first);
  const lines = [
    `| ${columns.map(cell).join(' | ')} |`,
    `| ${columns.map(() => '---').join(' | ')} |`,
    ...table.rows.map((row) => `| ${columns.map((c) => cell(row[c] ?? '')).join(' | ')} |`),
  ];
  return (table.title === undefined ? '' : `**${table.title}**\n\n`) + lines.join('\n');
}

/** `met`, `missed` or `not measured`. */
export function verdictText(goal: GoalVerdict): string {
  return goal.met === undefined ? 'not measured' : goal.met ? '**met**' : '**missed**';
}

/** A goals table: goal, verdict, the figures behind it. */
export function goalsTable(goals: readonly GoalVerdict[]): string {
  return markdownTable({
    rows: goals.map((g) => ({ goal: g.goal, verdict: verdictText(g), figures: g.detail })),
  });
}

/** One section: `## title`, intro, tables, goals, notes, and when its results were written. */
export function markdownSection(section: ReportSection, generatedAt: string): string {
  const parts = [`## ${section.title}`, `_Results written ${generatedAt}._`];
  if (section.intro !== undefined) parts.push(section.intro);
  for (const table of section.tables) parts.push(markdownTable(table));
  if (section.goals !== undefined && section.goals.length > 0) parts.push(goalsTable(section.goals));
  if (section.notes !== undefined) parts.push(section.notes);
  return parts.join('\n\n');
}
