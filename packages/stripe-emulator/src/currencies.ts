import { invalidRequest } from './errors.js';

/** Stripe's presentment currencies (lowercase ISO 4217). */
export const SUPPORTED_CURRENCIES: ReadonlySet<string> = new Set(
  (
    'usd aed afn all amd ang aoa ars aud awg azn bam bbd bdt bgn bhd bif bmd bnd bob brl bsd bwp byn bzd ' +
    'cad cdf chf clp cny cop crc cve czk djf dkk dop dzd egp etb eur fjd fkp gbp gel gip gmd gnf gtq gyd ' +
    'hkd hnl htg huf idr ils inr isk jmd jod jpy kes kgs khr kmf krw kwd kyd kzt lak lbp lkr lrd lsl mad ' +
    'mdl mga mkd mmk mnt mop mur mvr mwk mxn myr mzn nad ngn nio nok npr nzd omr pab pen pgk php pkr pln ' +
    'pyg qar ron rsd rub rwf sar sbd scr sek sgd shp sle sos srd std szl thb tjs tnd top try ttd twd tzs ' +
    'uah ugx uyu uzs vnd vuv wst xaf xcd xof xpf yer zar zmw'
  ).split(' '),
);

/** Currencies whose amount is in whole units (¥500 is `amount=500`). */
export const ZERO_DECIMAL_CURRENCIES: ReadonlySet<string> = new Set(
  'bif clp djf gnf jpy kmf krw mga pyg rwf ugx vnd vuv xaf xof xpf'.split(' '),
);

/** Currencies with three decimals (amounts in thousandths). */
export const THREE_DECIMAL_CURRENCIES: ReadonlySet<string> = new Set('bhd jod kwd omr tnd'.split(' '));

/** The largest amount Stripe accepts: eight digits in the smallest unit. */
export const MAX_AMOUNT = 99_999_999;

/** How many decimals the currency's smallest unit has (0, 2 or 3). */
export function currencyDecimals(currency: string): number {
  if (ZERO_DECIMAL_CURRENCIES.has(currency)) return 0;
  return THREE_DECIMAL_CURRENCIES.has(currency) ? 3 : 2;
}

/**
 * Validates and normalizes a `currency` parameter (Stripe stores it lowercase).
 * @throws StripeApiError 400 `param: 'currency'` when missing or not supported.
 */
export function parseCurrency(value: unknown): string {
  if (value === undefined)
    throw invalidRequest('Missing required param: currency.', 'currency', 'parameter_missing');
  const currency = typeof value === 'string' ? value.toLowerCase() : '';
  if (!SUPPORTED_CURRENCIES.has(currency)) {
    throw invalidRequest(
      `Invalid currency: ${typeof value === 'string' ? value : ''}. Stripe currently supports these currencies: ${[...SUPPORTED_CURRENCIES].join(', ')}`,
      'currency',
      'invalid_currency',
    );
  }
  return currency;
}

/**
 * Validates an `amount` parameter: an integer in the currency's smallest unit, 1 to 99,999,999.
 * @throws StripeApiError 400 `param: 'amount'`.
 */
export function parseAmount(value: unknown): number {
  if (value === undefined)
    throw invalidRequest('Missing required param: amount.', 'amount', 'parameter_missing');
  if (typeof value !== 'string' || !/^-?\d+$/.test(value)) {
    throw invalidRequest(`Invalid integer: ${String(value)}`, 'amount', 'parameter_invalid_integer');
  }
  const amount = Number(value);
  if (amount < 1) {
    throw invalidRequest(
      'This value must be greater than or equal to 1.',
      'amount',
      'parameter_invalid_integer',
    );
  }
  if (amount > MAX_AMOUNT) {
    throw invalidRequest(
      `Amount must be no more than ${MAX_AMOUNT} in the currency's smallest unit.`,
      'amount',
      'amount_too_large',
    );
  }
  return amount;
}

/**
 * The amount as a human-readable string for receipts.
 * @example formatAmount(1999, 'usd') // '19.99 USD'; formatAmount(500, 'jpy') // '500 JPY'
 */
export function formatAmount(amount: number, currency: string): string {
  const decimals = currencyDecimals(currency);
  return `${(amount / 10 ** decimals).toFixed(decimals)} ${currency.toUpperCase()}`;
}
