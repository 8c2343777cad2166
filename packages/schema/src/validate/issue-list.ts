import type { Failure, Issue, IssueCode, PathSegment } from '../issues.js';

/** Most unknown keys reported for one object; the rest are not listed (the value is rejected anyway). */
export const MAX_UNKNOWN_KEYS_REPORTED = 20;

/** Keys that are never copied and are reported as forbidden rather than unknown. */
export const FORBIDDEN_KEY_SET: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** The messages of undeclared and reserved keys. */
export const UNKNOWN_MESSAGE = 'is not a declared field';
export const FORBIDDEN_MESSAGE = 'is a reserved key and never accepted';

/** A copy of `path` with `extra` appended; avoids spreading in the common root-level case. */
export function pathAt(path: readonly PathSegment[], extra: PathSegment): PathSegment[] {
  if (path.length === 0) return [extra];
  const out = path.slice();
  out.push(extra);
  return out;
}

/** Records an issue at the current path (the path stack is copied). */
export function report(
  issues: Issue[],
  path: readonly PathSegment[],
  code: IssueCode,
  message: string,
): void {
  issues.push({ path: path.slice(), code, message });
}

/** Records an issue at the current path plus one key. */
export function reportAt(
  issues: Issue[],
  path: readonly PathSegment[],
  key: PathSegment,
  code: IssueCode,
  message: string,
  rootPath?: readonly PathSegment[],
): void {
  issues.push({
    path: path.length === 0 && rootPath !== undefined ? rootPath : pathAt(path, key),
    code,
    message,
  });
}

/** Records a scalar's failure, appending the failure's inner path. */
export function reportFailure(issues: Issue[], path: readonly PathSegment[], failure: Failure): void {
  const inner = failure.path;
  issues.push({
    path: inner === undefined ? path.slice() : [...path, ...inner],
    code: failure.code,
    message: failure.message,
  });
}

/** Records a rejected undeclared key. */
export function reportUnknownKey(issues: Issue[], path: readonly PathSegment[], key: string): void {
  if (FORBIDDEN_KEY_SET.has(key)) reportAt(issues, path, key, 'forbidden_key', FORBIDDEN_MESSAGE);
  else reportAt(issues, path, key, 'unknown_key', UNKNOWN_MESSAGE);
}
