/** One step of a path into a value: an object key or an array index. */
export type PathSegment = string | number;

/**
 * Stable machine-readable reasons a value was rejected. Codes never change meaning; messages may
 * be reworded.
 */
export type IssueCode =
  | 'invalid_type'
  | 'required'
  | 'unknown_key'
  | 'forbidden_key'
  | 'too_small'
  | 'too_big'
  | 'not_integer'
  | 'not_finite'
  | 'invalid_format'
  | 'invalid_string'
  | 'invalid_enum'
  | 'too_deep';

/** Every issue code, in a stable order (useful for exhaustive tables and docs). */
export const ISSUE_CODES: readonly IssueCode[] = Object.freeze([
  'invalid_type',
  'required',
  'unknown_key',
  'forbidden_key',
  'too_small',
  'too_big',
  'not_integer',
  'not_finite',
  'invalid_format',
  'invalid_string',
  'invalid_enum',
  'too_deep',
]);

/**
 * One reason a value was rejected: where (`path`), why (`code`) and a sentence for humans.
 * @example { path: ['amount'], code: 'too_small', message: 'must be greater than 0' }
 */
export interface Issue {
  readonly path: readonly PathSegment[];
  readonly code: IssueCode;
  readonly message: string;
}

/** What a scalar check reports when it rejects a value; the validator adds the path. */
export interface Failure {
  readonly code: IssueCode;
  readonly message: string;
  /** Where inside the scalar's value the problem is (e.g. `['amount']` inside a Money value). */
  readonly path?: readonly PathSegment[] | undefined;
}

/** The outcome of validating a value: the cleaned value, or every issue found. */
export type ValidationResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly Issue[] };

/** Builds a frozen {@link Failure} (scalars build theirs once and return them on every rejection). */
export function fail(code: IssueCode, message: string, path?: readonly PathSegment[]): Failure {
  return Object.freeze(path === undefined ? { code, message } : { code, message, path });
}

/** Formats a path for messages, e.g. `lines[2].amount`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out === '' ? '(root)' : out;
}
