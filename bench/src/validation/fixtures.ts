/** The request body of the tutorial's capture-payment operation, as JSON text. */
export const VALID_JSON =
  '{"invoiceId":"inv_2024_0001","amount":129.5,"currency":"EUR","paymentMethodId":"pm_card_visa"}';

/**
 * A body with five issues: empty `invoiceId`, negative `amount`, non-string `currency`, missing
 * `paymentMethodId` and the undeclared key `extra`.
 */
export const INVALID_JSON = '{"invoiceId":"","amount":-5,"currency":3,"extra":true}';

/** Inputs every validator must accept, beyond the timed one (checks the models are faithful). */
export const MUST_ACCEPT: readonly unknown[] = [
  { invoiceId: 'x', amount: 1e-9, currency: '', paymentMethodId: ' p' },
  { invoiceId: 'é', amount: 3, currency: '\u{1F4B6}', paymentMethodId: 'pm' },
];

/** Inputs every validator must reject, beyond the timed one (checks the models are faithful). */
export const MUST_REJECT: readonly unknown[] = [
  { invoiceId: '   ', amount: 1, currency: 'EUR', paymentMethodId: 'pm' },
  { invoiceId: 'inv', amount: 0, currency: 'EUR', paymentMethodId: 'pm' },
  { invoiceId: 'inv', amount: 1, currency: '\uD800', paymentMethodId: 'pm' },
  { invoiceId: 'inv', amount: 1, currency: 'x'.repeat(10_001), paymentMethodId: 'pm' },
  { invoiceId: 'inv', amount: 1, currency: 'EUR', paymentMethodId: 'pm', admin: true },
  { invoiceId: 'inv', amount: '1', currency: 'EUR', paymentMethodId: 'pm' },
  null,
  [],
];

/** Field names of the model, in declaration order. */
export const FIELD_NAMES = ['invoiceId', 'amount', 'currency', 'paymentMethodId'] as const;
