/** A schema as plain JSON, read loosely. */
export type Schema = Readonly<Record<string, unknown>>;

/** A schema with its null-ability and types pulled out, references resolved. */
export interface Normalized {
  /** The JSON types it admits (besides `null`); undefined for any type. */
  readonly types: ReadonlySet<string> | undefined;
  readonly nullable: boolean;
  /** The remaining keywords. */
  readonly rest: Schema;
}

const MAX_REF_DEPTH = 32;

function isObject(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNullSchema(value: unknown): boolean {
  return isObject(value) && value.type === 'null' && Object.keys(value).length === 1;
}

/** The target of a local reference (`#/$defs/X`, `#/definitions/X`, any JSON pointer into `root`). */
function resolvePointer(root: Schema, ref: string): Schema | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let at: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (!isObject(at) || !Object.hasOwn(at, key)) return undefined;
    at = at[key];
  }
  return isObject(at) ? at : undefined;
}

/**
 * Resolves `$ref`s, single-member `allOf`s (OpenAPI 3.0's way of adding keywords to a `$ref`) and
 * the ways of saying "nullable": `anyOf: [X, {type: 'null'}]`, `type: [..., 'null']`,
 * `nullable: true`. `not: {type: 'null'}` is dropped (it is what "not nullable" means anyway).
 */
export function normalize(schema: Schema, root: Schema, depth = 0): Normalized {
  let current: Record<string, unknown> = { ...schema };
  let nullable = false;
  for (let guard = 0; guard < MAX_REF_DEPTH; guard++) {
    const ref = current.$ref;
    const allOf = current.allOf;
    const anyOf = current.anyOf;
    if (typeof ref === 'string' && depth < MAX_REF_DEPTH) {
      const { $ref: _ref, ...siblings } = current;
      current = { ...(resolvePointer(root, ref) ?? {}), ...siblings };
      depth++;
    } else if (Array.isArray(allOf) && allOf.length === 1 && isObject(allOf[0])) {
      const { allOf: _allOf, ...siblings } = current;
      current = { ...allOf[0], ...siblings };
    } else if (Array.isArray(anyOf) && anyOf.length === 2 && anyOf.some(isNullSchema)) {
      const { anyOf: _anyOf, ...siblings } = current;
      const other = anyOf.find((member) => !isNullSchema(member));
      current = { ...(isObject(other) ? other : {}), ...siblings };
      nullable = true;
    } else break;
  }
  if (isNullSchema(current.not)) delete current.not;
  if (current.nullable === true) nullable = true;
  delete current.nullable;
  let types: Set<string> | undefined;
  const type = current.type;
  if (typeof type === 'string') types = new Set([type]);
  else if (Array.isArray(type)) types = new Set(type.filter((t): t is string => typeof t === 'string'));
  if (types?.has('null') && types.size > 1) {
    types.delete('null');
    nullable = true;
  }
  delete current.type;
  return { types, nullable, rest: current };
}

/** True when every type of `a` is admitted by `b` (an integer is a number). */
export function typesWithin(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return [...a].every((t) => b.has(t) || (t === 'integer' && b.has('number')));
}

/** Equal JSON (key order ignored). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && sameJson(a[k], b[k]))
    );
  }
  return false;
}

/** An object member, when it is a schema object. */
export function schemaAt(schema: Schema, key: string): Schema | undefined {
  const value = schema[key];
  return isObject(value) ? value : undefined;
}
