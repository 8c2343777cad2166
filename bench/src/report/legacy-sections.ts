import type { GoalVerdict, ReportSection, ResultsFile } from './section.js';

// Sections for the two parts that write their own JSON (`src/validation/main.ts`,
// `src/pipeline/main.ts`): read field by field, tolerating missing ones.

interface ValidationResult {
  readonly name: string;
  readonly validNs: number;
  readonly invalidNs: number;
  readonly invalidIssues: number;
  readonly freshObject: boolean;
  readonly validVsHandWritten: number;
  readonly invalidVsHandWritten: number;
}

interface PipelineRow {
  readonly name: string;
  readonly ns: number;
  readonly overheadUs: number;
}

const list = <T>(value: unknown): readonly T[] => (Array.isArray(value) ? (value as T[]) : []);
const fixed = (n: number, digits: number) => (typeof n === 'number' ? n.toFixed(digits) : '-');

/** The validation section from `results/validation.json`. */
export function validationSection(file: ResultsFile): ReportSection {
  const results = list<ValidationResult>(file.results);
  const goals = list<{ name: string; met: boolean; detail: string }>(file.goals).map(
    (g): GoalVerdict => ({ goal: `validation: ${g.name}`, met: g.met, detail: g.detail }),
  );
  return {
    title: 'Validation: @lssm/lib.schema against zod, valibot, arktype, TypeBox, Ajv and hand-written code',
    intro:
      `The tutorial's \`CapturePaymentInput\`, parsed from JSON once, validated in a loop (mitata);` +
      ` mean ns per call, best of ${String(file.rounds ?? '?')} round(s), on ${String(file.cpu ?? '?')}.`,
    tables: [
      {
        rows: results.map((r) => ({
          validator: r.name,
          'valid ns': fixed(r.validNs, 1),
          'invalid ns': fixed(r.invalidNs, 1),
          issues: String(r.invalidIssues),
          copy: r.freshObject ? 'yes' : 'no',
          'valid x hand': fixed(r.validVsHandWritten, 2),
          'invalid x hand': fixed(r.invalidVsHandWritten, 2),
        })),
      },
    ],
    goals,
  };
}

/** Below this many microseconds of overhead per call, the pipeline's goal is met. */
const PIPELINE_GOAL_US = 2;

/** The pipeline section from `results/pipeline.json`. */
export function pipelineSection(file: ResultsFile): ReportSection {
  const rows = list<PipelineRow>(file.rows);
  const overheads = rows.slice(1).map((r) => r.overheadUs);
  const best = overheads.length === 0 ? Number.NaN : Math.min(...overheads);
  return {
    title: 'Pipeline: the overhead of execute over calling the handler',
    intro: "The tutorial's op through `execute` with in-memory ports, against parse + validate + call.",
    tables: [
      {
        rows: rows.map((r) => ({
          variant: r.name,
          'us per call': fixed(r.ns / 1000, 2),
          'overhead us': fixed(r.overheadUs, 2),
        })),
      },
    ],
    goals: [
      {
        goal: `pipeline: execute overhead under ${PIPELINE_GOAL_US} us per call`,
        met: Number.isNaN(best) ? undefined : best < PIPELINE_GOAL_US,
        detail: `best variant ${fixed(best, 2)} us`,
      },
    ],
  };
}
