/**
 * How a change affects existing callers: `breaking` (some client that worked stops working),
 * `review` (nothing breaks, but a person should look: a loosened policy, a changed default) or
 * `compatible`.
 */
export type Severity = 'breaking' | 'review' | 'compatible';

/** Every severity, most serious first. */
export const SEVERITIES: readonly Severity[] = ['breaking', 'review', 'compatible'];

/** One classified difference between two snapshots. */
export interface Change {
  /** `billing.capturePayment v1`, or just the name for changes of a whole name. */
  readonly operation: string;
  /** A stable identifier of the kind of change, e.g. `input.property-made-required`. */
  readonly kind: string;
  readonly severity: Severity;
  /** Where in the operation: `input.amount`, `output.items[].status`, `policy.rules[invoice:pay]`. */
  readonly path?: string;
  readonly message: string;
}

/** What `diffSnapshots` found, with counts per severity. */
export interface DiffReport {
  readonly changes: readonly Change[];
  readonly breaking: number;
  readonly review: number;
  readonly compatible: number;
}

/** How a change moves the set of values a schema admits. */
export type Effect = 'narrowed' | 'widened' | 'changed';

/**
 * Which way values flow: the client writes inputs (so narrowing breaks it) and reads outputs and
 * error data (so widening breaks it).
 */
export type Direction = 'input' | 'output';

/** The severity of a schema change on one side: inputs break when narrowed, outputs when widened. */
export function severityOf(direction: Direction, effect: Effect): Severity {
  if (effect === 'changed') return 'breaking';
  if (direction === 'input') return effect === 'narrowed' ? 'breaking' : 'compatible';
  return effect === 'widened' ? 'breaking' : 'compatible';
}
