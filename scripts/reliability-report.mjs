// `npm run test:reliability` (and `test:soak`): runs tests/reliability with vitest, then prints the
// figures the scenarios recorded as one table, grouped by section. Exit code: vitest's.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const file =
  process.env.RELIABILITY_FIGURES ?? join(tmpdir(), 'lssm-reliability', `figures-${process.pid}.jsonl`);
const soak = process.argv.includes('--soak');
// `--print`: only print the table of figures already recorded (e.g. by `npm test`) in RELIABILITY_FIGURES.
const printOnly = process.argv.includes('--print');
if (!printOnly) {
  rmSync(file, { force: true });
  mkdirSync(dirname(file), { recursive: true });
}
const started = Date.now();
const run = printOnly
  ? { status: 0 }
  : spawnSync('npx', ['vitest', 'run', 'tests/reliability'], {
      stdio: 'inherit',
      env: { ...process.env, RELIABILITY_FIGURES: file, ...(soak ? { RELIABILITY_SOAK: '1' } : {}) },
    });
const figures = existsSync(file)
  ? readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line))
  : [];
const order = ['load', 'faults', 'bad-input', 'nothing-lost', 'nobody-let-in'];
figures.sort(
  (a, b) => order.indexOf(a.section) - order.indexOf(b.section) || a.scenario.localeCompare(b.scenario),
);
const rows = figures.map((f) => [f.section, f.scenario, String(f.runs), f.figure, f.pass ? 'pass' : 'FAIL']);
const head = ['section', 'scenario', 'runs', 'figure', 'result'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
const took = printOnly ? '' : `, ${((Date.now() - started) / 1000).toFixed(0)} s`;
console.log(`\nReliability report (${soak ? 'soak' : 'CI'} run${took})\n`);
console.log(line(head));
console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
for (const row of rows) console.log(line(row));
const failed = figures.filter((f) => !f.pass).length;
console.log(
  `\n${figures.length} scenarios, ${failed} failed${run.status === 0 ? '' : `; vitest exited with ${run.status}`}`,
);
if (!printOnly) rmSync(file, { force: true });
process.exit(run.status ?? 1);
