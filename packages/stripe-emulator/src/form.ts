/** A decoded form value: Stripe's `a[b][0]=c` nesting turned into objects and arrays. */
export type FormValue = string | FormValue[] | FormObject;

/** The decoded parameters of one request. */
export interface FormObject {
  [key: string]: FormValue;
}

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function keyPath(name: string): string[] {
  const open = name.indexOf('[');
  if (open <= 0) return [name];
  const path = [name.slice(0, open)];
  for (const match of name.slice(open).matchAll(/\[([^\]]*)\]/g)) path.push(match[1] ?? '');
  return path;
}

function assign(target: FormObject, path: string[], value: string): void {
  let node = target;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i] === '' ? String(Object.keys(node).length) : (path[i] as string);
    const next = node[key];
    if (typeof next === 'object' && next !== null && !Array.isArray(next)) {
      node = next;
    } else {
      const created: FormObject = {};
      node[key] = created;
      node = created;
    }
  }
  const last = path[path.length - 1] as string;
  node[last === '' ? String(Object.keys(node).length) : last] = value;
}

function isIndexList(keys: string[]): boolean {
  return keys.length > 0 && keys.every((key, i) => key === String(i));
}

function arraysOf(value: FormValue): FormValue {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  if (isIndexList(keys)) return keys.map((key) => arraysOf(value[key] as FormValue));
  const out: FormObject = {};
  for (const key of keys) out[key] = arraysOf(value[key] as FormValue);
  return out;
}

/**
 * Decodes an `application/x-www-form-urlencoded` body (or query string) the way Stripe reads it:
 * `metadata[order]=7` -> `{ metadata: { order: '7' } }`, `expand[0]=x` or `expand[]=x` -> `{ expand: ['x'] }`.
 * @example parseForm('amount=100&metadata[a]=b') // { amount: '100', metadata: { a: 'b' } }
 */
export function parseForm(text: string): FormObject {
  const root: FormObject = {};
  for (const [name, value] of new URLSearchParams(text)) {
    const path = keyPath(name);
    if (path.some((key) => UNSAFE_KEYS.has(key))) continue;
    assign(root, path, value);
  }
  return arraysOf(root) as FormObject;
}

/** A stable text for comparing two requests' parameters (object keys sorted). */
export function canonicalForm(value: FormValue): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalForm).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalForm(value[key] as FormValue)}`).join(',')}}`;
}
