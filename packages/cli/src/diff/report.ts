import type { DiffReport, Severity } from './types.js';

const HEADINGS: Readonly<Record<Severity, string>> = {
  breaking: 'Breaking',
  review: 'For review (breaks no client)',
  compatible: 'Compatible',
};

/** The report as text: a summary line, then one section per severity with one line per change. */
export function formatDiff(report: DiffReport, before: string, after: string): string {
  const lines = [
    `${before} -> ${after}: ${report.breaking} breaking, ${report.review} for review, ${report.compatible} compatible`,
  ];
  for (const severity of ['breaking', 'review', 'compatible'] as const) {
    const changes = report.changes.filter((c) => c.severity === severity);
    if (changes.length === 0) continue;
    lines.push('', `${HEADINGS[severity]}:`);
    for (const change of changes) {
      const where = change.path === undefined ? change.operation : `${change.operation} ${change.path}`;
      lines.push(`  - ${where}: ${change.message} [${change.kind}]`);
    }
  }
  return lines.join('\n');
}
