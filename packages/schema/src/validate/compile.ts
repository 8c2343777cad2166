import { DEFAULT_MAX_ITEMS, type FieldConfig } from '../field.js';
import type { Issue, PathSegment } from '../issues.js';
import type { AnySchemaModel } from '../model.js';
import { type Direction, FAILED, inheritedField } from './interpret.js';
import {
  FORBIDDEN_KEY_SET,
  FORBIDDEN_MESSAGE,
  MAX_UNKNOWN_KEYS_REPORTED,
  pathAt,
  report,
  UNKNOWN_MESSAGE,
} from './issue-list.js';
import { leafOf } from './leaf.js';

/** A model validator (or encoder): returns the value or {@link FAILED}, pushing issues as it goes. */
export type ModelRunner = (value: unknown, path: PathSegment[], issues: Issue[]) => unknown;

const HELPERS = {
  report,
  pathAt,
  FORBIDDEN_KEY_SET,
  inheritedField,
  FAILED,
};

class Emitter {
  readonly constants: unknown[] = [];
  #next = 0;
  constructor(
    readonly compileNested: (model: AnySchemaModel) => ModelRunner,
    readonly dir: Direction,
  ) {}

  ref = (value: unknown): string => {
    let i = this.constants.indexOf(value);
    if (i < 0) i = this.constants.push(value) - 1;
    return `c${i}`;
  };

  readonly #rootPaths = new Map<string, string>();

  /**
   * The path of an issue at `key`. For a field-name key (a JSON string literal) at the root, a
   * frozen one-element path shared by every such issue (reporting allocates no path); otherwise,
   * and for an array index variable, a copy of `p` plus `key`.
   */
  pathAt(key: string): string {
    if (!key.startsWith('"')) return `pathAt(p, ${key})`;
    let root = this.#rootPaths.get(key);
    if (root === undefined) {
      root = this.ref(Object.freeze([JSON.parse(key) as string]));
      this.#rootPaths.set(key, root);
    }
    return `(p.length === 0 ? ${root} : pathAt(p, ${key}))`;
  }

  /** Code recording an issue at `key` (inline: each site keeps its own inline caches). */
  issueAt(key: string, code: string, message: string): string {
    return `iss.push({ path: ${this.pathAt(key)}, code: '${code}', message: ${JSON.stringify(message)} });`;
  }

  /** Code recording the failure `e` of a scalar at `key`, its own inner path appended. */
  failureAt(key: string, e: string): string {
    return `iss.push({ path: ${e}.path === undefined ? ${this.pathAt(key)} : pathAt(p, ${key}).concat(${e}.path), code: ${e}.code, message: ${e}.message });`;
  }

  fresh(prefix: string): string {
    return `${prefix}${this.#next++}`;
  }

  /** Code validating `raw` (not null or undefined) into `target`; `onFail` runs after reporting. */
  value(field: FieldConfig, raw: string, target: string, key: string, onFail: string): string {
    if (field.isArray === true) return this.array(field, raw, target, key, onFail);
    return this.item(field, raw, target, key, onFail);
  }

  item(field: FieldConfig, raw: string, target: string, key: string, onFail: string): string {
    const type = field.type;
    if (type.kind === 'model') {
      const run = this.ref(this.compileNested(type));
      const t = this.fresh('t');
      return `p.push(${key}); const ${t} = ${run}(${raw}, p, iss); p.pop(); if (${t} !== FAILED) ${target} = ${t}; else { ${onFail} }`;
    }
    const leaf = leafOf(type);
    if (this.dir === 'encode' && leaf.customEncode) {
      const e = this.fresh('e');
      return `const ${e} = ${this.ref(leaf.encode)}(${raw}); if ('value' in ${e}) ${target} = ${e}.value; else { ${this.failureAt(key, e)} ${onFail} }`;
    }
    const decoded =
      leaf.emitDecode?.(raw) ?? (leaf.decode === undefined ? raw : `${this.ref(leaf.decode)}(${raw})`);
    const e = this.fresh('e');
    const slow = `const ${e} = ${this.ref(leaf.check)}(${raw}); if (${e} === undefined) ${target} = ${decoded}; else { ${this.failureAt(key, e)} ${onFail} }`;
    const fast = leaf.emitFastCheck?.(raw, this.ref);
    return fast === undefined ? slow : `if (${fast}) ${target} = ${decoded}; else { ${slow} }`;
  }

  array(field: FieldConfig, raw: string, target: string, key: string, onFail: string): string {
    const max = field.maxItems ?? DEFAULT_MAX_ITEMS;
    const min = field.minItems ?? 0;
    const [a, i, x, ok] = [this.fresh('a'), this.fresh('i'), this.fresh('x'), this.fresh('ok')];
    const element = this.item({ ...field, isArray: false }, x, `${a}[${i}]`, i, `${ok} = false;`);
    return `if (!Array.isArray(${raw})) { ${this.issueAt(key, 'invalid_type', 'must be an array')} ${onFail} }
      else if (${raw}.length > ${max}) { ${this.issueAt(key, 'too_big', `must have at most ${max} items`)} ${onFail} }
      else if (${raw}.length < ${min}) { ${this.issueAt(key, 'too_small', `must have at least ${min} items`)} ${onFail} }
      else { const ${a} = new Array(${raw}.length); let ${ok} = true; p.push(${key});
        for (let ${i} = 0; ${i} < ${raw}.length; ${i}++) { const ${x} = ${raw}[${i}]; ${element} }
        p.pop(); if (${ok}) ${target} = ${a}; else { ${onFail} } }`;
  }

  field(field: FieldConfig, name: string, index: number): string {
    const key = JSON.stringify(name);
    const raw = `r${index}`;
    const out = `o${index}`;
    const lines = [`let ${out};`];
    if (field.default !== undefined && this.dir === 'decode')
      lines.push(`if (${raw} === undefined) ${raw} = ${this.ref(field.default)};`);
    const missing = field.isOptional ? '' : this.issueAt(key, 'required', 'is required');
    const nullCase =
      field.isNullable === true ? `${out} = null;` : this.issueAt(key, 'invalid_type', 'must not be null');
    lines.push(
      `if (${raw} === undefined) { ${missing} } else if (${raw} === null) { ${nullCase} } else { ${this.value(field, raw, out, key, '')} }`,
    );
    return lines.join('\n');
  }
}

/** Code recording the undeclared key `k` (reserved ones as forbidden). */
function unknownKeyIssue(k: string): string {
  const forbidden = `FORBIDDEN_KEY_SET.has(${k})`;
  return `iss.push({ path: pathAt(p, ${k}), code: ${forbidden} ? 'forbidden_key' : 'unknown_key', message: ${forbidden} ? ${JSON.stringify(FORBIDDEN_MESSAGE)} : ${JSON.stringify(UNKNOWN_MESSAGE)} });`;
}

/** The first undeclared key is kept in `u0`, the next ones in `unknown`: one stray key needs no array. */
function unknownKeyCheck(): string {
  return `if (u0 !== undefined) { ${unknownKeyIssue('u0')}
    if (unknown !== undefined) for (let j = 0; j < unknown.length; j++) { const k = unknown[j]; ${unknownKeyIssue('k')} } }`;
}

/**
 * Generates a specialised validator (`decode`: wire data in) or encoder (`encode`: application
 * values out) for one model; nested models come from `compileNested`, in the same direction.
 * Encoding reads each declared field directly (getters and class instances included, undeclared
 * keys dropped), as the interpreter does.
 * One `for...in` pass reads the own enumerable keys (so nothing inherited from a polluted
 * prototype is ever read) and counts undeclared ones; V8 optimises `hasOwnProperty.call` inside
 * `for...in`, which makes this faster than a per-field own-property check.
 */
export function compileModel(
  model: AnySchemaModel,
  compileNested: (model: AnySchemaModel) => ModelRunner,
  dir: Direction = 'decode',
): ModelRunner {
  const em = new Emitter(compileNested, dir);
  const decode = dir === 'decode';
  const entries = Object.entries(model.fields as Readonly<Record<string, FieldConfig>>);
  const cases = entries.map(([name], i) => `case ${JSON.stringify(name)}: r${i} = v[k]; break;`);
  const strict = decode && model.unknownKeys === 'reject';
  const body = entries.map(([name, field], i) => em.field(field, name, i));
  // Keys are added in declaration order (like the interpreter): the leading run of fields that
  // are always present goes in the object literal, later fields are assigned one by one.
  const alwaysPresent = (f: FieldConfig): boolean => !f.isOptional || (decode && f.default !== undefined);
  let lead = 0;
  while (lead < entries.length && alwaysPresent((entries[lead] as [string, FieldConfig])[1])) lead++;
  const literal = entries.slice(0, lead).map(([name], i) => `${JSON.stringify(name)}: o${i}`);
  const laterAssign = entries.slice(lead).map(([name, field], j) => {
    const i = lead + j;
    const key = JSON.stringify(name);
    return alwaysPresent(field) ? `o[${key}] = o${i};` : `if (o${i} !== undefined) o[${key}] = o${i};`;
  });
  const unknownReport = strict ? unknownKeyCheck() : '';
  const declare =
    entries.length === 0
      ? ''
      : `let ${entries.map(([name], i) => (decode ? `r${i}` : `r${i} = hop.call(v, ${JSON.stringify(name)}) ? v[${JSON.stringify(name)}] : inheritedField(v, ${JSON.stringify(name)})`)).join(', ')};`;
  const readKeys = decode
    ? `let u0, unknown;
      for (const k in v) {
        if (!hop.call(v, k)) continue;
        switch (k) { ${cases.join(' ')} default: ${strict ? `if (u0 === undefined) u0 = k; else if (unknown === undefined) unknown = [k]; else if (unknown.length < ${MAX_UNKNOWN_KEYS_REPORTED - 1}) unknown.push(k);` : ''} }
      }`
    : '';
  const source = `
    const { report, pathAt, FORBIDDEN_KEY_SET, inheritedField, FAILED } = H;
    const hop = Object.prototype.hasOwnProperty;
    ${em.constants.map((_, i) => `const c${i} = K[${i}];`).join('\n')}
    return function ${decode ? 'validate' : 'encode'}${model.name}(v, p, iss) {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) { report(iss, p, 'invalid_type', 'must be an object'); return FAILED; }
      ${declare}
      ${readKeys}
      const n = iss.length;
      ${body.join('\n')}
      ${unknownReport}
      if (iss.length !== n) return FAILED;
      const o = { ${literal.join(', ')} };
      ${laterAssign.join('\n')}
      return o;
    };`;
  const factory = new Function('K', 'H', source) as (k: unknown[], h: typeof HELPERS) => ModelRunner;
  return factory(em.constants, HELPERS);
}
