import { inspect } from 'graphql/jsutils/inspect.js';

// graphql-js's `inspect` (the text of refused values in its messages) copies the list of values
// it has seen and maps every object to entries; this writes the same text for plain JSON data
// (what a request's variables are) with one string per value, and leaves anything else to it.

const MAX_ARRAY_LENGTH = 10;
const MAX_DEPTH = 2;

/** Left to graphql-js: an object with `toJSON`, a class instance, a function... */
const OTHER = Symbol('other');

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return (
    (proto === Object.prototype || proto === null || proto === Array.prototype) &&
    typeof (value as { toJSON?: unknown }).toJSON !== 'function'
  );
}

/** The values enclosing the one being written, innermost first. */
interface Enclosing {
  readonly value: object;
  readonly up: Enclosing | undefined;
  readonly depth: number;
}

function encloses(chain: Enclosing | undefined, value: object): boolean {
  for (let at = chain; at !== undefined; at = at.up) if (at.value === value) return true;
  return false;
}

function format(value: unknown, up: Enclosing | undefined): string | typeof OTHER {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function' || typeof value === 'symbol') return OTHER;
  if (typeof value !== 'object') return String(value);
  if (value === null) return 'null';
  if (encloses(up, value)) return '[Circular]';
  if (!isPlain(value)) return OTHER;
  const depth = up === undefined ? 0 : up.depth + 1;
  if (Array.isArray(value)) return formatArray(value, { value, up, depth });
  const keys = Object.keys(value);
  if (keys.length === 0) return '{}';
  if (depth >= MAX_DEPTH) return '[Object]';
  const inner: Enclosing = { value, up, depth };
  const parts: string[] = [];
  for (const key of keys) {
    const item = format((value as Record<string, unknown>)[key], inner);
    if (item === OTHER) return OTHER;
    parts.push(`${key}: ${item}`);
  }
  return `{ ${parts.join(', ')} }`;
}

function formatArray(array: readonly unknown[], inner: Enclosing): string | typeof OTHER {
  if (array.length === 0) return '[]';
  if (inner.depth >= MAX_DEPTH) return '[Array]';
  const shown = Math.min(MAX_ARRAY_LENGTH, array.length);
  const parts: string[] = [];
  for (let i = 0; i < shown; i++) {
    const item = format(array[i], inner);
    if (item === OTHER) return OTHER;
    parts.push(item);
  }
  const remaining = array.length - shown;
  if (remaining === 1) parts.push('... 1 more item');
  else if (remaining > 1) parts.push(`... ${remaining} more items`);
  return `[${parts.join(', ')}]`;
}

/** The text graphql-js's `inspect` gives `value`, as its messages show refused values. */
export function inspectValue(value: unknown): string {
  const text = format(value, undefined);
  return text === OTHER ? inspect(value) : text;
}
