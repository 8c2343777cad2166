import { type Failure, fail, type IssueCode } from '../issues.js';
import type { JsonSchema } from '../json-schema/types.js';
import { type ConstantRef, type Encoded, ScalarType } from '../scalar-type.js';

/** Default longest string a free-text scalar accepts, in code points. */
export const DEFAULT_MAX_STRING_LENGTH = 10_000;

/** A pattern with the code and message reported when it does not match. */
export interface StringPattern {
  readonly regex: RegExp;
  readonly code: IssueCode;
  readonly message: string;
}

/** Declarative rules a string scalar is built from; JSON Schema and checks derive from them. */
export interface StringRules {
  readonly name: string;
  readonly description?: string | undefined;
  readonly minLength?: number | undefined;
  readonly maxLength: number;
  /** Reject lone surrogates (strings no UTF-8 database can store). */
  readonly wellFormed: boolean;
  /** Require at least one non-whitespace character. Implies `wellFormed`. */
  readonly nonBlank?: boolean | undefined;
  readonly patterns?: readonly StringPattern[] | undefined;
  readonly allowed?: { readonly values: readonly string[]; readonly message: string } | undefined;
  readonly format?: string | undefined;
  readonly schemaRef?: string | undefined;
  readonly extraSchema?: JsonSchema | undefined;
}

/** Counts Unicode code points (what JSON Schema's minLength/maxLength count). */
export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

const WELL_FORMED_PATTERN = '^[^\\uD800-\\uDFFF]*$';
const NON_BLANK_PATTERN = '^[^\\uD800-\\uDFFF]*[^\\s\\uD800-\\uDFFF][^\\uD800-\\uDFFF]*$';
const NON_SPACE = /\S/u;

/** Turns a user-supplied pattern into a `u`-flag RegExp that means the same in JSON Schema. */
export function toSchemaRegex(pattern: RegExp | string, where: string): RegExp {
  const source = typeof pattern === 'string' ? pattern : pattern.source;
  if (typeof pattern !== 'string' && pattern.flags.replace(/[uv]/g, '') !== '') {
    throw new TypeError(
      `${where}: pattern flags "${pattern.flags}" cannot be expressed in JSON Schema; use a plain pattern`,
    );
  }
  try {
    return new RegExp(source, 'u');
  } catch (error) {
    throw new TypeError(`${where}: pattern /${source}/ is not a valid unicode regular expression`, {
      cause: error,
    });
  }
}

function buildCheck(rules: StringRules): (value: unknown) => Failure | undefined {
  const allowed = rules.allowed === undefined ? undefined : new Set(rules.allowed.values);
  const wellFormed = rules.wellFormed || rules.nonBlank === true;
  const min = rules.minLength ?? 0;
  const max = rules.maxLength;
  // Failures are built once: a rejected value allocates nothing here.
  const notString = fail('invalid_type', 'must be a string');
  const tooShort =
    min === 1
      ? fail('too_small', 'must not be empty')
      : fail('too_small', `must be at least ${min} characters long`);
  const tooLong = fail('too_big', `must be at most ${max} characters long`);
  const malformed = fail('invalid_string', 'must not contain unpaired surrogate characters');
  const blank = fail('too_small', 'must contain a non-whitespace character');
  const patterns = (rules.patterns ?? []).map((p) => ({ regex: p.regex, failure: fail(p.code, p.message) }));
  const notAllowed = rules.allowed === undefined ? undefined : fail('invalid_enum', rules.allowed.message);
  return (value) => {
    if (typeof value !== 'string') return notString;
    if (value.length > max || value.length < 2 * min) {
      const n = codePointLength(value);
      if (n < min) return tooShort;
      if (n > max) return tooLong;
    }
    if (wellFormed && !value.isWellFormed()) return malformed;
    if (rules.nonBlank === true && !NON_SPACE.test(value)) return blank;
    for (const p of patterns) if (!p.regex.test(value)) return p.failure;
    if (allowed !== undefined && notAllowed !== undefined && !allowed.has(value)) return notAllowed;
    return undefined;
  };
}

function buildFastCheck(rules: StringRules): (v: string, ref: ConstantRef) => string {
  return (v, ref) => {
    const parts = [`typeof ${v} === 'string'`, `${v}.length <= ${rules.maxLength}`];
    const min = rules.minLength ?? 0;
    if (min > 0) parts.push(`${v}.length >= ${2 * min - 1}`);
    if (rules.nonBlank === true) {
      parts.push(`${v}.charCodeAt(0) > 32`, `${v}.charCodeAt(0) < 127`);
    }
    if (rules.wellFormed || rules.nonBlank === true) parts.push(`${v}.isWellFormed()`);
    for (const p of rules.patterns ?? []) parts.push(`${ref(p.regex)}.test(${v})`);
    if (rules.allowed !== undefined) parts.push(`${ref(new Set(rules.allowed.values))}.has(${v})`);
    return parts.join(' && ');
  };
}

function buildJsonSchema(rules: StringRules): JsonSchema {
  const patterns: string[] = [];
  if (rules.nonBlank === true) patterns.push(NON_BLANK_PATTERN);
  else if (rules.wellFormed) patterns.push(WELL_FORMED_PATTERN);
  for (const p of rules.patterns ?? []) patterns.push(p.regex.source);
  const schema: Record<string, unknown> = { type: 'string' };
  if (rules.format !== undefined) schema.format = rules.format;
  if ((rules.minLength ?? 0) > 0) schema.minLength = rules.minLength;
  schema.maxLength = rules.maxLength;
  const [first, ...rest] = patterns;
  if (first !== undefined) schema.pattern = first;
  if (rest.length > 0) schema.allOf = rest.map((pattern) => ({ pattern }));
  if (rules.allowed !== undefined) schema.enum = [...rules.allowed.values];
  if (rules.description !== undefined && rules.schemaRef === undefined)
    schema.description = rules.description;
  return { ...schema, ...rules.extraSchema };
}

/** Builds a string scalar whose checks, fast path and JSON Schema all come from one rule set. */
export function stringScalar<TOut = string>(
  rules: StringRules,
  decode?: {
    readonly decode: (value: string) => TOut;
    readonly encode: (value: unknown) => Encoded<string> | Failure;
  },
): ScalarType<string, TOut> {
  const schema = buildJsonSchema(rules);
  const ref = rules.schemaRef;
  return new ScalarType<string, TOut>({
    name: rules.name,
    description: rules.description,
    jsonSchema:
      ref === undefined
        ? schema
        : rules.description === undefined
          ? { $ref: `#/$defs/${ref}` }
          : { $ref: `#/$defs/${ref}`, description: rules.description },
    defs: ref === undefined ? undefined : { [ref]: schema },
    check: buildCheck(rules),
    emitFastCheck: buildFastCheck(rules),
    decode: decode?.decode,
    encode: decode?.encode,
  });
}
