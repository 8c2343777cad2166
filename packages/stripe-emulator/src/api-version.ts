/** The API version the emulator answers with when a request sends no `Stripe-Version` (the SDK 23 pin). */
export const DEFAULT_API_VERSION = '2026-10-28.endive';

/** From this version on the PaymentIntent has no embedded `charges` list (use `latest_charge`). */
export const CHARGES_REMOVED_FROM_INTENT = '2022-11-15';

/** From this version on intents default to automatic payment methods (so confirming needs a `return_url`). */
export const AUTOMATIC_PAYMENT_METHODS_DEFAULT = '2023-08-16';

const VERSION = /^(\d{4}-\d{2}-\d{2})(?:\.[a-z]+)?$/;

/** Whether `version` looks like a Stripe API version (`2022-11-15` or `2026-10-28.endive`). */
export function isApiVersion(version: string): boolean {
  return VERSION.test(version);
}

/**
 * Whether `version` is older than the release `date` (compares the date part only).
 * @example isBefore('2022-08-01', CHARGES_REMOVED_FROM_INTENT) // true
 */
export function isBefore(version: string, date: string): boolean {
  const day = VERSION.exec(version)?.[1] ?? version;
  return day < date;
}

/** From this version on `capture_method` defaults to `automatic_async` (charges then have no balance transaction). */
export const ASYNC_CAPTURE_DEFAULT = '2024-04-10';

/** From this version (Dahlia) intents take `allowed_payment_method_types`. */
export const ALLOWED_PAYMENT_METHOD_TYPES_ADDED = '2026-07-29';

/** From this version (Endive) `payment_method_types` is no longer a writable parameter. */
export const PAYMENT_METHOD_TYPES_REMOVED = '2026-09-30';
