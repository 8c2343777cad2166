/**
 * Currency codes we accept, and how many minor-unit decimals each one has.
 *
 * This is one table of our own, and its decimals follow our payment provider (Stripe), because an
 * amount in minor units is only meaningful if we and the provider agree on the exponent. The usual
 * sources disagree with each other: ISO 4217 gives ISK 0 decimals and HUF 2, CLDR (what
 * `Intl.NumberFormat` reports) gives both 0, and Stripe treats both as two-decimal (and MGA as
 * zero-decimal where ISO says 2). `Intl` is not used at all: it also accepts made-up codes such as
 * 'ABC' without complaint (formatting them with 2 decimals), so it cannot tell a currency from a typo.
 *
 * Sources (checked 2026-11):
 * - Stripe zero- and three-decimal lists: https://docs.stripe.com/currencies (sections
 *   "zero-decimal", "three-decimal" and "special cases"); ISK stays two-decimal in the Stripe API
 *   (https://support.stripe.com/questions/deprecation-of-fractional-isk-charges-and-refunds).
 *   Stripe's three-decimal list is BHD JOD KWD OMR TND; IQD and LYD are not Stripe currencies, so
 *   they keep their ISO exponent, which is also 3.
 * - Everything else: the ISO 4217 exponent of an active (List One) code. Funds, precious metals,
 *   bond-market units, SDR-like units and testing codes (XAU, XTS, XXX, XDR, CLF, ...) are left out,
 *   as are withdrawn codes (HRK, ZWL, SLL, CUC, ANG, BGN).
 */

/**
 * Codes grouped by exponent. Keep each group sorted; the map below is built once from it.
 */
const CODES_BY_EXPONENT: readonly (readonly [exponent: number, codes: string])[] = [
  // Stripe's zero-decimal currencies (ISO agrees, except MGA which ISO gives 2).
  [0, 'BIF CLP DJF GNF JPY KMF KRW MGA PYG RWF UGX VND VUV XAF XOF XPF'],
  // Two decimals. Includes HUF and TWD (two-decimal for Stripe charges) and ISK (ISO says 0).
  [
    2,
    'AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BMD BND BOB BRL BSD BTN BWP BYN BZD ' +
      'CAD CDF CHF CNY COP CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP ' +
      'GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR ISK JMD KES KGS KHR ' +
      'KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR ' +
      'MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR ' +
      'SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS ' +
      'UAH USD UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG',
  ],
  // Three decimals (Stripe requires the last digit of the amount to be 0 for these).
  [3, 'BHD IQD JOD KWD LYD OMR TND'],
];

function buildTable(): Map<string, number> {
  const pairs: [string, number][] = [];
  for (const [exponent, codes] of CODES_BY_EXPONENT) {
    for (const code of codes.split(' ')) pairs.push([code, exponent]);
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return new Map(pairs);
}

const EXPONENTS: ReadonlyMap<string, number> = buildTable();

/**
 * Every currency code we accept, uppercase and sorted alphabetically.
 * Active ISO 4217 codes only: no funds, metals, testing or withdrawn codes.
 */
export const CURRENCY_CODES: readonly string[] = Object.freeze([...EXPONENTS.keys()]);

/**
 * True when `code` is exactly one of {@link CURRENCY_CODES}.
 * The match is case-sensitive: 'USD' is a currency code, 'usd' is not.
 */
export function isCurrencyCode(code: string): boolean {
  return EXPONENTS.has(code);
}

/**
 * Number of minor-unit decimals for `code` as our payment provider counts them
 * (JPY 0, USD 2, KWD 3, ISK 2), or `undefined` when the code is not in the table.
 */
export function currencyExponent(code: string): number | undefined {
  return EXPONENTS.get(code);
}
