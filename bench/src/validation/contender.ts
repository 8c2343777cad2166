/** What a validator made of one input: the cleaned value, or how many issues it reported. */
export type Outcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly issues: number };

/** One validator under test: the model of the tutorial's input, written with one library. */
export interface Contender {
  /** Short label used in the table and the JSON results. */
  readonly name: string;
  /** Whether a valid input comes back as a new object holding only the declared keys. */
  readonly freshObject: boolean;
  /** Whether the invalid input yields every issue (false: stops at the first one). */
  readonly allIssues: boolean;
  /** The call that is timed: the library's usual "validate one request body" entry point. */
  readonly validate: (input: unknown) => unknown;
  /** Reads what `validate` returned (used by the sanity checks, never timed). */
  readonly read: (result: unknown) => Outcome;
}
