import { DEFAULT_MAX_ITEMS, type FieldConfig } from '../field.js';
import type { Issue, PathSegment } from '../issues.js';
import type { AnySchemaModel } from '../model.js';
import { FAILED } from './interpret.js';
import {
  MAX_UNKNOWN_KEYS_REPORTED,
  report,
  reportAt,
  reportFailure,
  reportFailureAt,
  reportUnknownKey,
} from './issue-list.js';
import { leafOf } from './leaf.js';

/** A model validator: returns the decoded value or {@link FAILED}, pushing issues as it goes. */
export type ModelRunner = (value: unknown, path: PathSegment[], issues: Issue[]) => unknown;

const HELPERS = {
  hasOwn: Object.hasOwn,
  report,
  reportAt,
  reportFailure,
  reportFailureAt,
  reportUnknownKey,
  FAILED,
};

class Emitter {
  readonly constants: unknown[] = [];
  #next = 0;
  constructor(readonly compileNested: (model: AnySchemaModel) => ModelRunner) {}

  ref = (value: unknown): string => {
    let i = this.constants.indexOf(value);
    if (i < 0) i = this.constants.push(value) - 1;
    return `c${i}`;
  };

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
    const decoded =
      leaf.emitDecode?.(raw) ?? (leaf.decode === undefined ? raw : `${this.ref(leaf.decode)}(${raw})`);
    const e = this.fresh('e');
    const slow = `const ${e} = ${this.ref(leaf.check)}(${raw}); if (${e} === undefined) ${target} = ${decoded}; else { reportFailureAt(iss, p, ${key}, ${e}); ${onFail} }`;
    const fast = leaf.emitFastCheck?.(raw, this.ref);
    return fast === undefined ? slow : `if (${fast}) ${target} = ${decoded}; else { ${slow} }`;
  }

  array(field: FieldConfig, raw: string, target: string, key: string, onFail: string): string {
    const max = field.maxItems ?? DEFAULT_MAX_ITEMS;
    const min = field.minItems ?? 0;
    const [a, i, x, ok] = [this.fresh('a'), this.fresh('i'), this.fresh('x'), this.fresh('ok')];
    const element = this.item({ ...field, isArray: false }, x, `${a}[${i}]`, i, `${ok} = false;`);
    return `if (!Array.isArray(${raw})) { reportAt(iss, p, ${key}, 'invalid_type', 'must be an array'); ${onFail} }
      else if (${raw}.length > ${max}) { reportAt(iss, p, ${key}, 'too_big', 'must have at most ${max} items'); ${onFail} }
      else if (${raw}.length < ${min}) { reportAt(iss, p, ${key}, 'too_small', 'must have at least ${min} items'); ${onFail} }
      else { const ${a} = new Array(${raw}.length); let ${ok} = true; p.push(${key});
        for (let ${i} = 0; ${i} < ${raw}.length; ${i}++) { const ${x} = ${raw}[${i}]; ${element} }
        p.pop(); if (${ok}) ${target} = ${a}; else { ${onFail} } }`;
  }

  field(field: FieldConfig, name: string, index: number): string {
    const key = JSON.stringify(name);
    const raw = `r${index}`;
    const out = `o${index}`;
    const lines = [`let ${out}; let ${raw} = hasOwn(v, ${key}) ? v[${key}] : undefined;`];
    if (field.default !== undefined)
      lines.push(`if (${raw} === undefined) ${raw} = ${this.ref(field.default)};`);
    const missing = field.isOptional ? '' : `reportAt(iss, p, ${key}, 'required', 'is required');`;
    const nullCase =
      field.isNullable === true
        ? `${out} = null;`
        : `reportAt(iss, p, ${key}, 'invalid_type', 'must not be null');`;
    lines.push(
      `if (${raw} === undefined) { ${missing} } else if (${raw} === null) { ${nullCase} } else { ${this.value(field, raw, out, key, '')} }`,
    );
    return lines.join('\n');
  }
}

function unknownKeyCheck(names: readonly string[], ref: (value: unknown) => string): string {
  const known =
    names.length <= 8
      ? names.map((n) => `k === ${JSON.stringify(n)}`).join(' || ') || 'false'
      : `${ref(new Set(names))}.has(k)`;
  return `let u = 0;
    for (const k in v) { if (${known} || !hasOwn(v, k)) continue; reportUnknownKey(iss, p, k); if (++u >= ${MAX_UNKNOWN_KEYS_REPORTED}) break; }`;
}

/** Generates a specialised validator for one model; nested models come from `compileNested`. */
export function compileModel(
  model: AnySchemaModel,
  compileNested: (model: AnySchemaModel) => ModelRunner,
): ModelRunner {
  const em = new Emitter(compileNested);
  const entries = Object.entries(model.fields as Readonly<Record<string, FieldConfig>>);
  const body = entries.map(([name, field], i) => em.field(field, name, i));
  const required = entries.filter(([, f]) => !f.isOptional || f.default !== undefined);
  const optional = entries.filter(([, f]) => f.isOptional && f.default === undefined);
  const literal = required.map(
    ([name]) => `${JSON.stringify(name)}: o${entries.findIndex(([n]) => n === name)}`,
  );
  const optionalAssign = optional.map(([name]) => {
    const i = entries.findIndex(([n]) => n === name);
    return `if (o${i} !== undefined) o[${JSON.stringify(name)}] = o${i};`;
  });
  const strict =
    model.unknownKeys === 'reject'
      ? unknownKeyCheck(
          entries.map(([n]) => n),
          em.ref,
        )
      : '';
  const source = `
    const { hasOwn, report, reportAt, reportFailureAt, reportUnknownKey, FAILED } = H;
    ${em.constants.map((_, i) => `const c${i} = K[${i}];`).join('\n')}
    return function validate${model.name}(v, p, iss) {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) { report(iss, p, 'invalid_type', 'must be an object'); return FAILED; }
      const n = iss.length;
      ${body.join('\n')}
      ${strict}
      if (iss.length !== n) return FAILED;
      const o = { ${literal.join(', ')} };
      ${optionalAssign.join('\n')}
      return o;
    };`;
  const factory = new Function('K', 'H', source) as (k: unknown[], h: typeof HELPERS) => ModelRunner;
  return factory(em.constants, HELPERS);
}
