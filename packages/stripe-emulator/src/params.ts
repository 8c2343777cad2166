import { invalidRequest } from './errors.js';
import type { FormObject, FormValue } from './form.js';
import type { Metadata } from './objects.js';

/**
 * Rejects parameters the endpoint does not know, as Stripe does (`Received unknown parameter: x`).
 * @throws StripeApiError 400 with `param` the unknown name.
 */
export function rejectUnknown(params: FormObject, known: ReadonlySet<string>): void {
  for (const name of Object.keys(params)) {
    if (!known.has(name))
      throw invalidRequest(`Received unknown parameter: ${name}`, name, 'parameter_unknown');
  }
}

/** A string parameter; `undefined` when absent. @throws StripeApiError when it is not a string. */
export function stringParam(params: FormObject, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || typeof value === 'string') return value;
  throw invalidRequest(`Invalid string: ${name} must be a string.`, name, 'parameter_invalid_string_blank');
}

/** A string parameter where `''` means null (Stripe's way to unset a value). */
export function nullableString(params: FormObject, name: string): string | null | undefined {
  const value = stringParam(params, name);
  return value === '' ? null : value;
}

/** A boolean parameter (`true`/`false`); `undefined` when absent. */
export function booleanParam(params: FormObject, name: string, label = name): boolean | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw invalidRequest(`Invalid boolean: ${String(value)}`, label, 'parameter_invalid_boolean');
}

/** A nested object parameter (`a[b]=c`); `undefined` when absent. */
export function objectParam(params: FormObject, name: string): FormObject | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value === 'object' && !Array.isArray(value)) return value;
  throw invalidRequest(`Invalid object: ${name} must be a hash.`, name, 'parameter_invalid_object');
}

/** An array of strings (`a[0]=x&a[1]=y`); `undefined` when absent. */
export function stringArray(params: FormObject, name: string): string[] | undefined {
  const value: FormValue | undefined = params[name];
  if (value === undefined) return undefined;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
  throw invalidRequest(
    `Invalid array: ${name} must be an array of strings.`,
    name,
    'parameter_invalid_array',
  );
}

/**
 * Merges a `metadata` parameter into `current`: `''` deletes a key; Stripe's limits apply
 * (50 keys, keys up to 40 characters, values up to 500).
 */
export function mergeMetadata(current: Metadata, params: FormObject): Metadata {
  const raw = params.metadata;
  if (raw === undefined) return current;
  if (raw === '') return {};
  const update = objectParam(params, 'metadata') ?? {};
  const next: Metadata = { ...current };
  for (const [key, value] of Object.entries(update)) {
    if (typeof value !== 'string')
      throw invalidRequest('Invalid metadata value: strings only.', `metadata[${key}]`);
    if (key.length > 40)
      throw invalidRequest('Metadata keys can be at most 40 characters.', `metadata[${key}]`);
    if (value.length > 500)
      throw invalidRequest('Metadata values can be at most 500 characters.', `metadata[${key}]`);
    if (value === '') delete next[key];
    else next[key] = value;
  }
  if (Object.keys(next).length > 50) throw invalidRequest('Metadata can have at most 50 keys.', 'metadata');
  return next;
}

/** The `expand[]` list of a request (empty when absent). */
export function expandList(params: FormObject): string[] {
  return stringArray(params, 'expand') ?? [];
}
