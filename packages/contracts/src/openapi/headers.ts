import type { HeaderObject, ParameterObject, ReferenceObject, SchemaObject } from './types.js';

/** The request id header, sent back on every response (what `execute` accepts as a request id). */
export const REQUEST_ID = 'X-Request-Id';
/** The idempotency key request header of commands. */
export const IDEMPOTENCY_KEY = 'Idempotency-Key';
/** Response header of commands: the stored response of an earlier call with the same key. */
export const IDEMPOTENT_REPLAYED = 'Idempotent-Replayed';
/** Response header on 429 and 503. */
export const RETRY_AFTER = 'Retry-After';
/** Response header of deprecated operations (RFC 9745). */
export const DEPRECATION = 'Deprecation';
/** Response header of deprecated operations with a sunset date (RFC 8594). */
export const SUNSET = 'Sunset';
/** Response header of deprecated operations with a replacement (`rel="successor-version"`). */
export const LINK = 'Link';
/** Response header of 405: the methods the path accepts. */
export const ALLOW = 'Allow';

const REQUEST_ID_SCHEMA: SchemaObject = {
  type: 'string',
  maxLength: 128,
  pattern: '^[A-Za-z0-9._:-]{1,128}$',
};

/** The shared response headers, for `components.headers`. */
export function headerComponents(): Record<string, HeaderObject> {
  return {
    [DEPRECATION]: {
      description:
        'The operation is deprecated (RFC 9745): `@<unix seconds>` since when, or `true`. See its description for the replacement.',
      schema: { type: 'string' },
    },
    [IDEMPOTENT_REPLAYED]: {
      description:
        'true when this is the stored response of an earlier call with the same Idempotency-Key (the operation did not run again).',
      schema: { type: 'boolean' },
    },
    [LINK]: {
      description:
        'The operation that replaces this deprecated one: `<path>; rel="successor-version"` (RFC 5829).',
      schema: { type: 'string' },
    },
    [RETRY_AFTER]: {
      description: 'Seconds to wait before trying again.',
      schema: { type: 'integer', minimum: 0 },
    },
    [SUNSET]: {
      description: 'When the deprecated operation stops working (RFC 8594, an HTTP date).',
      schema: { type: 'string' },
    },
    [REQUEST_ID]: {
      description: 'The id of this request: the X-Request-Id sent, when valid, or a new one.',
      schema: { ...REQUEST_ID_SCHEMA },
    },
  };
}

/** A reference to one of {@link headerComponents}. */
export function headerRef(name: string): ReferenceObject {
  return { $ref: `#/components/headers/${name}` };
}

/** The optional `X-Request-Id` request header every operation accepts. */
export function requestIdParameter(): ParameterObject {
  return {
    name: REQUEST_ID,
    in: 'header',
    required: false,
    description:
      'Your id for this request, echoed back and recorded in the audit trail; a new one when absent.',
    schema: { ...REQUEST_ID_SCHEMA },
  };
}

/** The `Idempotency-Key` request header of a command; required when the spec says so. */
export function idempotencyKeyParameter(required: boolean): ParameterObject {
  return {
    name: IDEMPOTENCY_KEY,
    in: 'header',
    required,
    description: required
      ? 'Required. Retrying with the same key and input replays the first response instead of running again; the same key with another input is a CONFLICT.'
      : 'Optional. Retrying with the same key and input replays the first response instead of running again; the same key with another input is a CONFLICT.',
    schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[!-~]{1,255}$' },
  };
}
