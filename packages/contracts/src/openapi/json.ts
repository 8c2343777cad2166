import type { JsonObject, JsonValue } from './types.js';

/**
 * A deep, plain copy of `value` as JSON data, the way `JSON.stringify` sees it: object keys whose
 * value is `undefined` are dropped, `toJSON` is honoured, `-0` becomes `0`. Anything JSON cannot
 * carry faithfully (non-finite numbers, bigints, functions, `undefined` in arrays, cycles) throws a
 * TypeError naming where it is, so the document always survives a JSON round trip unchanged.
 */
export function toJson(value: unknown, at: string, seen: readonly object[] = []): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${at}: ${value} is not a JSON number`);
    return value === 0 ? 0 : value;
  }
  if (typeof value !== 'object') throw new TypeError(`${at}: a ${typeof value} is not JSON`);
  if (seen.includes(value)) throw new TypeError(`${at}: a cycle is not JSON`);
  const inner = [...seen, value];
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return toJson(toJSON.call(value), at, inner);
  if (Array.isArray(value)) {
    return value.map((item: unknown, i) => {
      if (item === undefined) throw new TypeError(`${at}/${i}: undefined is not JSON`);
      return toJson(item, `${at}/${i}`, inner);
    });
  }
  const out: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    const copy = toJson(item, `${at}/${key}`, inner);
    // A `__proto__` key stays an own property (as JSON.parse makes it), never a prototype change.
    Object.defineProperty(out, key, { value: copy, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** {@link toJson} for values that must be objects (schemas). */
export function toJsonObject(value: unknown, at: string): JsonObject {
  const copy = toJson(value, at);
  if (typeof copy !== 'object' || copy === null || Array.isArray(copy)) {
    throw new TypeError(`${at}: expected a JSON object`);
  }
  return copy;
}
