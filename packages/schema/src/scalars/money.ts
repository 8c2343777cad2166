import { type Failure, fail } from '../issues.js';
import { ScalarType } from '../scalar-type.js';
import { currencyExponent, isCurrencyCode } from '../tables/currencies.js';
import { currencyType } from './strings.js';

/** An amount of money in integer minor units (cents for USD, yen for JPY, fils/1000 for KWD). */
export interface Money {
  readonly amount: number;
  readonly currency: string;
}

/** Options for {@link moneyType}; bounds are in minor units. */
export interface MoneyOptions {
  /** Smallest amount in minor units (default 0: refunds and credits are separate operations). */
  readonly min?: number;
  /** Largest amount in minor units (default 2^53 - 1). */
  readonly max?: number;
  readonly description?: string;
}

const DECIMAL = /^(-?)(\d{1,16})(?:\.(\d{1,3}))?$/;

/**
 * Converts a decimal amount in major units to integer minor units, exactly, using the currency's
 * exponent. Throws a RangeError for unknown currencies or more decimals than the currency has.
 * @example toMinorUnits('12.34', 'USD') === 1234; toMinorUnits('500', 'JPY') === 500
 */
export function toMinorUnits(major: string | number, currency: string): number {
  const exponent = currencyExponent(currency);
  if (exponent === undefined) throw new RangeError(`unknown currency "${currency}"`);
  const text = typeof major === 'number' ? String(major) : major;
  const m = DECIMAL.exec(text);
  if (m === null) throw new RangeError(`"${text}" is not a decimal amount`);
  const [, sign, whole, fraction = ''] = m;
  if (fraction.length > exponent) {
    throw new RangeError(`${currency} has ${exponent} decimal places; "${text}" has ${fraction.length}`);
  }
  const minor = Number(`${whole}${fraction.padEnd(exponent, '0')}`);
  if (!Number.isSafeInteger(minor)) throw new RangeError(`"${text}" is too large`);
  return sign === '-' ? 0 - minor : minor; // `0 - 0` is +0: '-0.00' must not become -0
}

/**
 * Formats integer minor units as a decimal string in major units (no currency symbol).
 * @example formatMinorUnits(1234, 'USD') === '12.34'; formatMinorUnits(1234, 'KWD') === '1.234'
 */
export function formatMinorUnits(minor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  if (exponent === undefined) throw new RangeError(`unknown currency "${currency}"`);
  if (!Number.isSafeInteger(minor)) throw new RangeError(`${minor} is not a whole number of minor units`);
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const text = exponent === 0 ? whole : `${whole}.${digits.slice(digits.length - exponent)}`;
  return minor < 0 ? `-${text}` : text;
}

function checkMoney(value: unknown, min: number, max: number): Failure | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('invalid_type', 'must be an object { amount, currency }');
  }
  const keys = Object.keys(value);
  for (const key of keys) {
    if (key !== 'amount' && key !== 'currency') return fail('unknown_key', 'is not a declared field', [key]);
  }
  // Own properties only, like model fields: inherited (or polluted) `amount`/`currency` do not count.
  const record = value as Record<string, unknown>;
  const amount = Object.hasOwn(record, 'amount') ? record.amount : undefined;
  const currency = Object.hasOwn(record, 'currency') ? record.currency : undefined;
  if (currency === undefined) return fail('required', 'is required', ['currency']);
  if (typeof currency !== 'string' || !isCurrencyCode(currency)) {
    return fail('invalid_enum', 'must be an upper-case ISO 4217 currency code, e.g. USD', ['currency']);
  }
  if (amount === undefined) return fail('required', 'is required', ['amount']);
  if (typeof amount !== 'number') return fail('invalid_type', 'must be a number of minor units', ['amount']);
  if (!Number.isFinite(amount)) return fail('not_finite', 'must be a finite number', ['amount']);
  if (!Number.isInteger(amount))
    return fail('not_integer', 'must be a whole number of minor units', ['amount']);
  // min and max are safe integers, so these two also reject integers beyond 2^53 - 1.
  if (amount < min) return fail('too_small', `must be at least ${min}`, ['amount']);
  if (amount > max) return fail('too_big', `must be at most ${max}`, ['amount']);
  return undefined;
}

/**
 * Money in integer minor units with a currency: `{ amount: 1234, currency: 'USD' }` is $12.34.
 * Never a float: `Math.round(amount * 100)` is wrong for JPY (0 decimals) and KWD (3).
 */
export function moneyType(options?: MoneyOptions): ScalarType<Money> {
  const min = options?.min ?? 0;
  const max = options?.max ?? Number.MAX_SAFE_INTEGER;
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min > max) {
    throw new TypeError(`Money: min and max must be safe integers with min <= max (got ${min}, ${max})`);
  }
  const check = (value: unknown) => checkMoney(value, min, max);
  return new ScalarType<Money>({
    name: 'Money',
    description: options?.description ?? 'Amount in integer minor units of the currency',
    jsonSchema: {
      type: 'object',
      properties: {
        amount: { type: 'integer', minimum: min, maximum: max, description: 'Integer minor units' },
        currency: { $ref: '#/$defs/CurrencyCode' },
      },
      required: ['amount', 'currency'],
      additionalProperties: false,
      ...(options?.description === undefined ? {} : { description: options.description }),
    },
    defs: currencyType().def.defs,
    check,
    decode: (value) => ({ amount: value.amount + 0, currency: value.currency }),
    encode: (value) => {
      const failure = check(value);
      if (failure !== undefined) return failure;
      const money = value as Money;
      return { value: { amount: money.amount + 0, currency: money.currency } };
    },
  });
}
