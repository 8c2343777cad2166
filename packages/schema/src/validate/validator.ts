import type { FieldConfig } from '../field.js';
import type { Issue, PathSegment, ValidationResult } from '../issues.js';
import type { AnySchemaModel } from '../model.js';
import { compileModel, type ModelRunner } from './compile.js';
import { type Direction, FAILED, runFieldValue, runModel } from './interpret.js';

/** How validators run: generated code (default), or the interpreter where `new Function` is barred. */
export type ValidatorMode = 'compiled' | 'interpreted';

let preferred: ValidatorMode = 'compiled';
let codegenWorks: boolean | undefined;
const runners = {
  decode: new WeakMap<AnySchemaModel, ModelRunner>(),
  encode: new WeakMap<AnySchemaModel, ModelRunner>(),
};
const validators = new WeakMap<AnySchemaModel, (value: unknown) => ValidationResult<unknown>>();
const encoders = new WeakMap<AnySchemaModel, (value: unknown) => ValidationResult<unknown>>();

function canGenerateCode(): boolean {
  if (codegenWorks === undefined) {
    try {
      codegenWorks = new Function('return true')() === true;
    } catch {
      codegenWorks = false;
    }
  }
  return codegenWorks;
}

function interpreted(model: AnySchemaModel, dir: Direction): ModelRunner {
  return (value, path, issues) => runModel(model, value, dir, path, issues);
}

function runnerOf(model: AnySchemaModel, dir: Direction): ModelRunner {
  let runner = runners[dir].get(model);
  if (runner === undefined) {
    runner =
      preferred === 'compiled' && canGenerateCode()
        ? compileModel(model, (nested) => runnerOf(nested, dir), dir)
        : interpreted(model, dir);
    runners[dir].set(model, runner);
  }
  return runner;
}

/**
 * Chooses how validators are built from now on; validators already built keep their mode. Use
 * `'interpreted'` on platforms that forbid code generation (it is detected automatically too).
 */
export function setValidatorMode(mode: ValidatorMode): void {
  preferred = mode;
}

const scratchPath: PathSegment[] = [];
let scratchIssues: Issue[] = [];
let depth = 0;

/**
 * The validator of a model, built on first use. One path stack and one issue list are reused
 * (a failed run hands its list to the result); a re-entered call (a getter that validates) gets
 * fresh ones.
 */
export function getModelValidator(model: AnySchemaModel): (value: unknown) => ValidationResult<unknown> {
  let validate = validators.get(model);
  if (validate === undefined) {
    validate = withScratch(runnerOf(model, 'decode'));
    validators.set(model, validate);
  }
  return validate;
}

/** Runs a model runner with the shared path stack and issue list (fresh ones when re-entered). */
function withScratch(run: ModelRunner): (value: unknown) => ValidationResult<unknown> {
  return (value) => {
    const nested = depth > 0;
    const issues = nested ? [] : scratchIssues;
    const path = nested ? [] : scratchPath;
    let out: unknown;
    depth++;
    try {
      out = run(value, path, issues);
    } catch {
      depth--;
      if (!nested) {
        scratchPath.length = 0;
        scratchIssues = [];
      }
      return { ok: false, issues: [{ path: [], code: 'invalid_type', message: 'could not be read' }] };
    }
    depth--;
    if (out !== FAILED) return { ok: true, value: out };
    if (!nested) scratchIssues = [];
    return { ok: false, issues };
  };
}

/** Validates with the interpreter only (used to cross-check the compiled validators in tests). */
export function interpretModel(model: AnySchemaModel, value: unknown): ValidationResult<unknown> {
  const issues: Issue[] = [];
  const out = runModel(model, value, 'decode', [], issues);
  return out === FAILED ? { ok: false, issues } : { ok: true, value: out };
}

/** Turns an application value into wire data, dropping undeclared keys. */
export function encodeModel(model: AnySchemaModel, value: unknown): ValidationResult<unknown> {
  let encode = encoders.get(model);
  if (encode === undefined) {
    encode = withScratch(runnerOf(model, 'encode'));
    encoders.set(model, encode);
  }
  return encode(value);
}

/** Encodes with the interpreter only (used to cross-check the compiled encoders in tests). */
export function interpretEncode(model: AnySchemaModel, value: unknown): ValidationResult<unknown> {
  const issues: Issue[] = [];
  const out = runModel(model, value, 'encode', [], issues);
  return out === FAILED ? { ok: false, issues } : { ok: true, value: out };
}

/** The issues of one wire value against one field (used to check defaults and examples). */
export function validateFieldValue(field: FieldConfig, value: unknown): readonly Issue[] {
  const issues: Issue[] = [];
  runFieldValue(field, value, 'decode', [], issues);
  return issues;
}
