import { httpSection, isHttpResults } from './http-section.js';
import { pipelineSection, validationSection } from './legacy-sections.js';
import { type Machine, machineInfo } from './machine.js';
import { goalsTable, markdownSection, markdownTable } from './markdown.js';
import { isPartResult, partResultSection } from './part-result.js';
import { type ReportSection, type ResultsFile, readResults, resultsDir } from './section.js';
import { peerVersions } from './versions.js';

// BENCHMARKS.md's text from every results file in bench/results (or $BENCH_RESULTS_DIR): the
// machine, the peers' versions, every goal with its verdict, then one section per part.

/** Parts in the order they appear; any other part follows, by name. */
const ORDER = ['validation', 'pipeline', 'http', 'growth', 'typecheck', 'durable'];

/** The parts whose JSON predates the `section` contract, with their own renderers. */
const RENDERERS: Readonly<Record<string, (file: ResultsFile) => ReportSection>> = {
  validation: validationSection,
  pipeline: pipelineSection,
  http: httpSection,
};

/**
 * A part's section: its own `section` when it carries one, else its renderer's, else the
 * `PartResult` reading of it (`src/results.ts`), else none.
 */
function sectionOf(file: ResultsFile): ReportSection | undefined {
  if (file.section !== undefined) return file.section;
  const render = RENDERERS[file.part];
  if (render !== undefined) return render(file);
  return isPartResult(file) ? partResultSection(file) : undefined;
}

function machineLines(machine: Machine): string {
  return markdownTable({
    rows: [
      { '': 'CPU', value: `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB` },
      { '': 'Node', value: machine.node },
      { '': 'OS', value: machine.os },
    ],
  });
}

/** BENCHMARKS.md's text from the results files in `dir`. */
export function benchmarksMarkdown(dir: string = resultsDir()): string {
  const files = readResults(dir);
  const parts = [...files.keys()].sort((a, b) => {
    const rank = (p: string) => (ORDER.includes(p) ? ORDER.indexOf(p) : ORDER.length);
    return rank(a) - rank(b) || a.localeCompare(b);
  });
  const sections = parts.flatMap((part) => {
    const file = files.get(part) as ResultsFile; // listed from the map just above
    const section = sectionOf(file);
    return section === undefined ? [] : [{ file, section }];
  });
  const http = files.get('http');
  const machine = (http !== undefined && isHttpResults(http) ? http.machine : undefined) ?? machineInfo();
  const goals = sections.flatMap(({ section }) => section.goals ?? []);
  const out = [
    '# Benchmarks',
    `Generated ${new Date().toISOString()} by \`npm run bench\` (\`bench/src/report/benchmarks-md.ts\`)` +
      ` from ${parts.map((p) => `\`bench/results/${p}.json\``).join(', ')}. Figures from different` +
      ' machines, or from a busy one, are not comparable; `bench/README.md` says how each part measures.',
    '## Machine',
    machineLines(machine),
    '## Versions',
    markdownTable({ rows: peerVersions().map((v) => ({ peer: v.peer, packages: v.versions })) }),
    '## Goals',
    goals.length === 0 ? '_No goals measured._' : goalsTable(goals),
    'Where a goal is missed, [bench/README.md](bench/README.md#goals-not-met-and-what-limits-them) says' +
      ' what the profile shows, what was changed, and what limits it.',
    ...sections.map(({ file, section }) => markdownSection(section, file.generatedAt)),
  ];
  return `${out.join('\n\n')}\n`;
}
