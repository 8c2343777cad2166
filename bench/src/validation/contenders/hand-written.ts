import type { Contender } from '../contender.js';

/** One problem found by {@link validateByHand}. */
export interface HandIssue {
  readonly path: readonly string[];
  readonly code: string;
  readonly message: string;
}

/** The cleaned input, or every issue. */
export type HandResult =
  | { readonly ok: true; readonly value: Record<string, unknown> }
  | { readonly ok: false; readonly issues: HandIssue[] };

const MAX_LENGTH = 10_000;
const NON_SPACE = /\S/u;
// Inside for-in, V8 turns `hasOwnProperty.call(o, k)` into a map check; `Object.hasOwn` stays a call.
const ownKey = Object.prototype.hasOwnProperty;

function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** The problem with a string field, or undefined; the same rules as String and NonEmptyString. */
function stringProblem(s: unknown, nonBlank: boolean): string | undefined {
  if (typeof s !== 'string') return 'must be a string';
  if (s.length > MAX_LENGTH && codePoints(s) > MAX_LENGTH) return 'is too long';
  if (nonBlank && s.length === 0) return 'must not be empty';
  if (!s.isWellFormed()) return 'must not contain unpaired surrogate characters';
  if (nonBlank) {
    const c = s.charCodeAt(0);
    if (!(c > 32 && c < 127) && !NON_SPACE.test(s)) return 'must contain a non-whitespace character';
  }
  return undefined;
}

function report(issues: HandIssue[], key: string, raw: unknown, problem: string | undefined): void {
  if (raw === undefined) issues.push({ path: [key], code: 'required', message: 'is required' });
  else if (problem !== undefined) issues.push({ path: [key], code: 'invalid', message: problem });
}

/**
 * The practical limit: plain typeof checks for the tutorial's input, no library. One for-in loop
 * reads the own keys (inherited ones are ignored, as in our models) and spots undeclared ones.
 */
export function validateByHand(v: unknown): HandResult {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    return { ok: false, issues: [{ path: [], code: 'invalid_type', message: 'must be an object' }] };
  }
  const o = v as Record<string, unknown>;
  let invoiceId: unknown;
  let amount: unknown;
  let currency: unknown;
  let paymentMethodId: unknown;
  let unknownKeys: string[] | undefined;
  for (const k in o) {
    if (!ownKey.call(o, k)) continue;
    if (k === 'invoiceId') invoiceId = o[k];
    else if (k === 'amount') amount = o[k];
    else if (k === 'currency') currency = o[k];
    else if (k === 'paymentMethodId') paymentMethodId = o[k];
    else if (unknownKeys === undefined) unknownKeys = [k];
    else unknownKeys.push(k);
  }
  const idProblem = stringProblem(invoiceId, true);
  const amountOk = typeof amount === 'number' && amount > 0 && amount < Number.POSITIVE_INFINITY;
  const currencyProblem = stringProblem(currency, false);
  const methodProblem = stringProblem(paymentMethodId, true);
  if (idProblem === undefined && amountOk && currencyProblem === undefined && methodProblem === undefined) {
    if (unknownKeys === undefined)
      return { ok: true, value: { invoiceId, amount, currency, paymentMethodId } };
  }
  const issues: HandIssue[] = [];
  report(issues, 'invoiceId', invoiceId, idProblem);
  report(issues, 'amount', amount, amountOk ? undefined : 'must be a finite number greater than 0');
  report(issues, 'currency', currency, currencyProblem);
  report(issues, 'paymentMethodId', paymentMethodId, methodProblem);
  for (const k of unknownKeys ?? [])
    issues.push({ path: [k], code: 'unknown_key', message: `unknown field "${k}"` });
  return { ok: false, issues };
}

/** A hand-written validator: what no library can beat by much. */
export const handWritten: Contender = {
  name: 'hand-written',
  freshObject: true,
  allIssues: true,
  validate: validateByHand,
  read: (result) => {
    const r = result as HandResult;
    return r.ok ? { ok: true, value: r.value } : { ok: false, issues: r.issues.length };
  },
};
