import { isIoSchema } from './checks.js';

/** Deep-freezes a spec's own plain data; schemas (ours or foreign) are left as they are. */
export function freezeSpec<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value) || isIoSchema(value))
    return value;
  const copy = (Array.isArray(value) ? [...value] : { ...value }) as Record<string, unknown>;
  for (const key of Object.keys(copy)) copy[key] = freezeSpec(copy[key]);
  return Object.freeze(copy) as T;
}
