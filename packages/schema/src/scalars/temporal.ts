import { type Failure, fail } from '../issues.js';
import type { Encoded, ScalarType } from '../scalar-type.js';
import { DATE, DATE_TIME, DATE_TIME_PARTS, TIME } from './patterns.js';
import { stringScalar } from './string-rules.js';

/** Turns an RFC 3339 string (already checked by {@link DATE_TIME}) into a `Date`. */
export function parseDateTime(value: string): Date {
  const m = DATE_TIME_PARTS.exec(value);
  if (m === null) return new Date(Number.NaN);
  const [, y, mo, d, h, mi, s, frac, sign, oh, om] = m;
  const millis = frac === undefined ? 0 : Number(frac.slice(0, 3).padEnd(3, '0'));
  const date = new Date(0);
  date.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  date.setUTCHours(Number(h), Number(mi), Number(s), millis);
  if (sign !== undefined) {
    const offsetMinutes = (Number(oh) * 60 + Number(om)) * (sign === '+' ? 1 : -1);
    date.setTime(date.getTime() - offsetMinutes * 60_000);
  }
  return date;
}

function encodeDateTime(value: unknown): Encoded<string> | Failure {
  if (!(value instanceof Date)) return fail('invalid_type', 'must be a Date');
  if (Number.isNaN(value.getTime())) return fail('invalid_format', 'must be a valid Date');
  const iso = value.toISOString();
  return DATE_TIME.test(iso) ? { value: iso } : fail('too_big', 'must be a Date between years 0000 and 9999');
}

/** RFC 3339 date-time in JSON; a `Date` in the handler. */
export function dateTimeScalar(description?: string): ScalarType<string, Date> {
  return stringScalar<Date>(
    {
      name: 'DateTime',
      description: description ?? 'RFC 3339 date-time with offset, e.g. 2026-11-27T09:30:00Z',
      maxLength: 64,
      wellFormed: false,
      format: 'date-time',
      patterns: [
        {
          regex: DATE_TIME,
          code: 'invalid_format',
          message: 'must be an RFC 3339 date-time, e.g. 2026-11-27T09:30:00Z',
        },
      ],
    },
    { decode: parseDateTime, encode: encodeDateTime },
  );
}

/** A calendar date `YYYY-MM-DD` (a string in the handler: a date has no time zone). */
export function dateScalar(description?: string): ScalarType<string, string> {
  return stringScalar({
    name: 'Date',
    description: description ?? 'Calendar date, YYYY-MM-DD',
    maxLength: 10,
    wellFormed: false,
    format: 'date',
    patterns: [
      { regex: DATE, code: 'invalid_format', message: 'must be a calendar date YYYY-MM-DD that exists' },
    ],
  });
}

/** A wall-clock time `HH:MM[:SS[.fraction]]` without offset. */
export function timeScalar(description?: string): ScalarType<string, string> {
  return stringScalar({
    name: 'Time',
    description: description ?? 'Wall-clock time, HH:MM or HH:MM:SS[.fraction]',
    maxLength: 18,
    wellFormed: false,
    patterns: [{ regex: TIME, code: 'invalid_format', message: 'must be a time HH:MM or HH:MM:SS' }],
  });
}
