import { type IoSchema, STABILITIES } from './types.js';

/** Operation and event names: `domain.camelCase`, at least two dot-separated segments. */
export const OPERATION_NAME = /^[a-z][A-Za-z0-9]*(?:\.[a-z][A-Za-z0-9]*)+$/;
/** Domain error codes: `UPPER_SNAKE_CASE`. */
export const ERROR_CODE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;

/** True for our `SchemaModel` or any Standard Schema v1. */
export function isIoSchema(value: unknown): value is IoSchema {
  if (typeof value !== 'object' || value === null) return false;
  if ((value as { kind?: unknown }).kind === 'model') return true;
  const std = (value as { '~standard'?: { version?: unknown; validate?: unknown } })['~standard'];
  return typeof std === 'object' && std !== null && std.version === 1 && typeof std.validate === 'function';
}

/** Throws unless `name` is `domain.camelCase`. */
export function checkName(where: string, name: unknown): void {
  if (typeof name !== 'string' || !OPERATION_NAME.test(name)) {
    throw new TypeError(
      `${where}: meta.name must be dot-separated camelCase like "billing.capturePayment", got ${JSON.stringify(name)}`,
    );
  }
}

/** Throws unless `version` is a positive integer. */
export function checkVersion(where: string, version: unknown): void {
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    throw new TypeError(`${where}: meta.version must be a positive integer, got ${JSON.stringify(version)}`);
  }
}

/** Throws unless `stability` is a known stability. */
export function checkStability(where: string, stability: unknown): void {
  if (!STABILITIES.includes(stability as never)) {
    throw new TypeError(
      `${where}: meta.stability must be one of ${STABILITIES.join(', ')}, got ${JSON.stringify(stability)}`,
    );
  }
}

/** Throws unless `owners` is a non-empty list of non-empty strings. */
export function checkOwners(where: string, owners: unknown): void {
  if (
    !Array.isArray(owners) ||
    owners.length === 0 ||
    owners.some((o) => typeof o !== 'string' || o.trim() === '')
  ) {
    throw new TypeError(`${where}: meta.owners must list at least one owner, e.g. ['team-billing']`);
  }
}

/** Throws unless `value` is a positive integer (named `what`). */
export function checkPositiveInt(where: string, what: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new TypeError(`${where}: ${what} must be a positive integer, got ${JSON.stringify(value)}`);
  }
}
