/** What redacted values are replaced with in audit records. */
export const REDACTED = '[redacted]';

function redactPath(value: unknown, segments: readonly string[]): unknown {
  if (segments.length === 0) return value === undefined ? undefined : REDACTED;
  if (Array.isArray(value)) return value.map((item) => redactPath(item, segments));
  if (typeof value !== 'object' || value === null) return value;
  const [head, ...rest] = segments as [string, ...string[]];
  if (!Object.hasOwn(value, head)) return value;
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  copy[head] = redactPath(copy[head], rest);
  return copy;
}

/**
 * A copy of `input` with each dotted path replaced by `"[redacted]"` (through arrays too).
 * @example redact({ card: { number: '4242' } }, ['card.number']) // { card: { number: '[redacted]' } }
 */
export function redact(input: unknown, paths: readonly string[]): unknown {
  let out = input;
  for (const path of paths) out = redactPath(out, path.split('.'));
  return out;
}

/**
 * A deep copy of plain JSON-like data (objects, arrays, primitives); anything else is copied by
 * reference. Own enumerable keys only; a `__proto__` key is defined, never assigned, so it stays data.
 */
export function copyPlain(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copyPlain(value[i]);
    return out;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const copy = copyPlain((value as Record<string, unknown>)[key]);
    if (key === '__proto__')
      Object.defineProperty(out, key, { value: copy, enumerable: true, writable: true, configurable: true });
    else out[key] = copy;
  }
  return out;
}
