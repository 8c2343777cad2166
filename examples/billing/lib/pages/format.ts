import { formatMinorUnits } from '@lssm/lib.schema';
import type { MoneyView } from './types.js';

/** `USD 49.90`, `JPY 5000`, `KWD 1.250`: exact, from integer minor units. */
export function formatMoney(money: MoneyView): string {
  return `${money.currency} ${formatMinorUnits(money.amount, money.currency)}`;
}

/** A date for people (UTC, to the minute). */
export function formatDate(iso: string | undefined): string {
  return iso === undefined ? '' : `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
