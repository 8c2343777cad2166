import type { ScalarType } from '../scalar-type.js';
import { COUNTRY_CODES } from '../tables/countries.js';
import { CURRENCY_CODES } from '../tables/currencies.js';
import { E164, EMAIL, HTTP_URL, ID, LOCALE, UUID } from './patterns.js';
import {
  DEFAULT_MAX_STRING_LENGTH,
  type StringPattern,
  type StringRules,
  stringScalar,
  toSchemaRegex,
} from './string-rules.js';

/** Options every free-text string scalar accepts. Lengths count Unicode code points. */
export interface StringOptions {
  readonly minLength?: number;
  /** Defaults to 10,000 code points: hostile input stays bounded. */
  readonly maxLength?: number;
  /** A pattern the whole value must match somewhere (JSON Schema `pattern` semantics, `u` flag). */
  readonly pattern?: RegExp | string;
  readonly description?: string;
}

function lengthOption(name: string, key: string, value: number | undefined): number | undefined {
  if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) {
    throw new TypeError(`${name}: option "${key}" must be a non-negative integer, got ${String(value)}`);
  }
  return value;
}

function freeText(name: string, nonBlank: boolean, options: StringOptions | undefined): ScalarType<string> {
  const minLength = lengthOption(name, 'minLength', options?.minLength) ?? (nonBlank ? 1 : 0);
  const maxLength = lengthOption(name, 'maxLength', options?.maxLength) ?? DEFAULT_MAX_STRING_LENGTH;
  if (minLength > maxLength)
    throw new TypeError(`${name}: minLength ${minLength} exceeds maxLength ${maxLength}`);
  const patterns: StringPattern[] = [];
  if (options?.pattern !== undefined) {
    const regex = toSchemaRegex(options.pattern, name);
    patterns.push({ regex, code: 'invalid_format', message: `must match the pattern /${regex.source}/` });
  }
  return stringScalar({
    name,
    description: options?.description,
    minLength,
    maxLength,
    wellFormed: true,
    nonBlank,
    patterns,
  });
}

/** Any well-formed string (no unpaired surrogates), at most 10,000 code points by default. */
export function stringType(options?: StringOptions): ScalarType<string> {
  return freeText('String', false, options);
}

/** A string with at least one non-whitespace character (`"   "` is rejected). */
export function nonEmptyStringType(options?: StringOptions): ScalarType<string> {
  return freeText('NonEmptyString', true, options);
}

/** Options for format scalars, whose rules are fixed. */
export interface FormatOptions {
  readonly description?: string;
}

function formatted(
  rules: Omit<StringRules, 'wellFormed' | 'patterns'> & { readonly regex: RegExp; readonly message: string },
  options: FormatOptions | undefined,
): ScalarType<string> {
  const { regex, message, ...rest } = rules;
  return stringScalar({
    ...rest,
    description: options?.description ?? rules.description,
    wellFormed: false,
    patterns: [{ regex, code: 'invalid_format', message }],
  });
}

/** An identifier: 1-128 characters of letters, digits and `_ . : | -`, starting alphanumeric. */
export function idType(options?: FormatOptions): ScalarType<string> {
  return formatted(
    {
      name: 'ID',
      maxLength: 128,
      minLength: 1,
      regex: ID,
      message: 'must be an identifier (letters, digits, _ . : | -)',
    },
    options,
  );
}

/** An RFC 9562 UUID in hyphenated form, either case. */
export function uuidType(options?: FormatOptions): ScalarType<string> {
  return formatted(
    { name: 'UUID', maxLength: 36, format: 'uuid', regex: UUID, message: 'must be a UUID' },
    options,
  );
}

/** An email address with an ASCII domain (internationalised domains in punycode). */
export function emailType(options?: FormatOptions): ScalarType<string> {
  return formatted(
    { name: 'Email', maxLength: 254, format: 'email', regex: EMAIL, message: 'must be an email address' },
    options,
  );
}

/** An absolute `http:` or `https:` URL; other schemes (javascript:, data:, file:) are rejected. */
export function urlType(options?: FormatOptions): ScalarType<string> {
  return formatted(
    { name: 'URL', maxLength: 2048, format: 'uri', regex: HTTP_URL, message: 'must be an http(s) URL' },
    options,
  );
}

/** A phone number in E.164 form, e.g. `+14155550123`. */
export function phoneNumberType(options?: FormatOptions): ScalarType<string> {
  return formatted(
    {
      name: 'PhoneNumber',
      maxLength: 16,
      regex: E164,
      message: 'must be an E.164 phone number, e.g. +14155550123',
    },
    options,
  );
}

/** A well-formed BCP 47 language tag, e.g. `en`, `pt-BR`, `zh-Hant-TW`. */
export function localeType(options?: FormatOptions): ScalarType<string> {
  return formatted(
    { name: 'Locale', maxLength: 64, regex: LOCALE, message: 'must be a BCP 47 language tag, e.g. en-US' },
    options,
  );
}

/** An ISO 4217 currency code in upper case, from our own table (e.g. `USD`, `JPY`; not `usd`). */
export function currencyType(options?: FormatOptions): ScalarType<string> {
  return stringScalar({
    name: 'Currency',
    description: options?.description ?? 'ISO 4217 currency code, upper case',
    maxLength: 3,
    wellFormed: false,
    schemaRef: 'CurrencyCode',
    allowed: { values: CURRENCY_CODES, message: 'must be an upper-case ISO 4217 currency code, e.g. USD' },
  });
}

/** An ISO 3166-1 alpha-2 country code in upper case (e.g. `FR`). */
export function countryCodeType(options?: FormatOptions): ScalarType<string> {
  return stringScalar({
    name: 'CountryCode',
    description: options?.description ?? 'ISO 3166-1 alpha-2 country code, upper case',
    maxLength: 2,
    wellFormed: false,
    schemaRef: 'CountryCode',
    allowed: {
      values: COUNTRY_CODES,
      message: 'must be an upper-case ISO 3166-1 alpha-2 country code, e.g. FR',
    },
  });
}
