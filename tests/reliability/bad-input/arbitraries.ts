// Shared fast-check generators of hostile JSON for the bad-input suite. Values are generated as
// JSON *text*, so `__proto__` can be an own key of an object (as `JSON.parse` makes it) and numbers
// can be written the way no `JSON.stringify` would (`1e400`, `-0`, 30 digits).
import fc from 'fast-check';

/** Keys that break naive merges and lookups. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** Fields a member must not control (mass assignment), as other APIs name them. */
export const PRIVILEGED_KEYS = [
  'ownerId',
  'tenantId',
  'status',
  'amount',
  'currency',
  'userId',
  'actor',
  'roles',
  'role',
  'id',
  'paidAt',
  'receiptUrl',
] as const;

/** A card number (Luhn-valid test PAN) that must never be echoed back. */
export const CARD_NUMBER = '4242424242424242';

/** Hand-picked strings: unicode edge cases, NaN-like text, injections, control characters. */
export const HOSTILE_STRINGS: readonly string[] = [
  ...PROTOTYPE_KEYS,
  'NaN',
  'Infinity',
  '-Infinity',
  '-0',
  '1e309',
  '0x1F',
  'null',
  'undefined',
  '',
  ' ',
  '\u0000',
  'inv_\u0000',
  '\ud800',
  '\udfff',
  'pm_\udc00card',
  '\u202egnp.exe',
  '\u2066\u2069',
  '\u200b',
  '\ufeff',
  '😀🇯🇵👩‍👩‍👧',
  '𝕏'.repeat(64),
  'e\u0301\u0301\u0301',
  '1; DROP TABLE invoices; --',
  "' OR 1=1 --",
  '%s%s%n',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose.
  '${7*7}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '../../../etc/passwd',
  '\r\nSet-Cookie: x=1',
  CARD_NUMBER,
  `inv_${'x'.repeat(300)}`,
  'x'.repeat(20_000),
];

const hostileChar = fc.constantFrom(
  '\u0000',
  '\ud800',
  '\udc00',
  '\u202e',
  '\u2066',
  '\u200b',
  '\ufeff',
  '😀',
  '\\',
  '"',
  '\n',
  'a',
  '_',
  '%',
);

/** Any string a client could send: hand-picked, random code points, or hostile characters. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: hostileChar, maxLength: 40 }),
);

/** Numbers as JSON text: float traps, huge, tiny, negative zero, beyond 2^53. */
export const hostileNumberText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '0',
    '-0',
    '1',
    '-1',
    String(0.1 + 0.2),
    '1e-7',
    '4990.000000001',
    '1e21',
    '1e400',
    '-1e400',
    '9007199254740993',
    '123456789012345678901234567890',
    '5e-324',
    '1.7976931348623157e308',
    '99999999',
    '100000000',
  ),
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
);

/** Keys: the op's own field names, prototype keys, privileged fields, or arbitrary short text. */
export function hostileKey(fields: readonly string[] = []): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...PROTOTYPE_KEYS, ...PRIVILEGED_KEYS, 'toString', 'valueOf', 'hasOwnProperty'),
    ...(fields.length > 0 ? [fc.constantFrom(...fields)] : []),
    fc.string({ maxLength: 12 }),
    fc.string({ unit: hostileChar, maxLength: 6 }),
  );
}

/** `levels` nested arrays or objects, as text. */
export function deepJson(levels: number, kind: 'array' | 'object'): string {
  return kind === 'array'
    ? `${'['.repeat(levels)}${']'.repeat(levels)}`
    : `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
}

/** An object from key/value text pairs, keeping every key (duplicates and `__proto__` included). */
export function objectText(entries: readonly (readonly [string, string])[]): string {
  return `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(',')}}`;
}

/** Any JSON value as text: hostile leaves, small arrays and objects, and deep nesting (to 5,000 levels). */
export function hostileJson(fields: readonly string[] = []): fc.Arbitrary<string> {
  const { value } = fc.letrec<{ value: string; leaf: string; node: string }>((tie) => ({
    leaf: fc.oneof(
      hostileNumberText,
      hostileString.map((s) => JSON.stringify(s)),
      fc.constantFrom('null', 'true', 'false', '{}', '[]'),
    ),
    node: fc.oneof(
      fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
      fc.array(fc.tuple(hostileKey(fields), tie('value')), { maxLength: 5 }).map(objectText),
      fc
        .tuple(fc.integer({ min: 2, max: 5_000 }), fc.constantFrom('array' as const, 'object' as const))
        .map(([levels, kind]) => deepJson(levels, kind)),
    ),
    value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), tie('node')),
  }));
  return value;
}

/** Plausible JSON text for each field of an operation's input. */
export type FieldValues = Readonly<Record<string, fc.Arbitrary<string>>>;

/**
 * An operation's input as JSON text, shaped like the real thing so it gets past the first checks:
 * each declared field is left out, plausible, or hostile, and hostile extra keys are added. One
 * case in five is an arbitrary hostile value instead.
 */
export function hostileInput(fields: FieldValues): fc.Arbitrary<string> {
  const names = Object.keys(fields);
  const field = (name: string) =>
    fc.oneof(
      { weight: 3, arbitrary: (fields[name] as fc.Arbitrary<string>).map((v) => [[name, v] as const]) },
      { weight: 2, arbitrary: hostileJson(names).map((v) => [[name, v] as const]) },
      { weight: 1, arbitrary: fc.constant([] as (readonly [string, string])[]) },
    );
  const shaped = fc
    .tuple(
      fc.tuple(...names.map(field)),
      fc.array(fc.tuple(hostileKey(names), hostileJson(names)), { maxLength: 3 }),
    )
    .map(([declared, extra]) => objectText([...declared.flat(), ...extra]));
  return names.length === 0
    ? fc.oneof(fc.constant('{}'), hostileJson())
    : fc.oneof({ weight: 4, arbitrary: shaped }, { weight: 1, arbitrary: hostileJson(names) });
}

/** JSON text of a string value. */
export const str = (...values: string[]): fc.Arbitrary<string> =>
  fc.constantFrom(...values).map((v) => JSON.stringify(v));

/** JSON text of an integer in a range. */
export const int = (min: number, max: number): fc.Arbitrary<string> => fc.integer({ min, max }).map(String);

/**
 * Plausible field values of every billing operation, as JSON text; `invoiceIds` are real ones
 * (so some calls get past the policy into the handlers).
 */
export function billingFields(invoiceIds: readonly string[]): Readonly<Record<string, FieldValues>> {
  const invoiceId = fc.oneof(str(...invoiceIds), str('inv_nope', 'inv_'));
  const money = fc
    .tuple(
      fc.oneof(int(1, 99_999_999), hostileNumberText),
      str('USD', 'JPY', 'KWD', 'EUR', 'usd', 'XXX', 'ABC'),
    )
    .map(([amount, currency]) =>
      objectText([
        ['amount', amount],
        ['currency', currency],
      ]),
    );
  return {
    'billing.listInvoices': {
      status: str('open', 'paying', 'paid', 'failed', 'refunded', 'OPEN'),
      limit: int(-1, 101),
    },
    'billing.getInvoice': { invoiceId },
    'billing.createInvoice': {
      ownerId: str('alice', 'bob', 'carol', 'ada', 'nobody'),
      description: hostileString.map((s) => JSON.stringify(s)),
      amount: money,
    },
    'billing.capturePayment': {
      invoiceId,
      paymentMethodId: str(
        'pm_card_visa',
        'pm_card_chargeDeclined',
        'pm_card_threeDSecure2Required',
        'pm_nope',
      ),
    },
    'billing.refundPayment': {
      invoiceId,
      reason: str('requested_by_customer', 'duplicate', 'fraudulent', 'x'),
    },
    'billing.recoverPayments': { olderThanSeconds: int(-1, 86_401) },
    'billing.listAudit': { limit: int(-1, 501) },
    'billing.completePayment': { paymentIntentId: str('pi_nope', 'pi_') },
  };
}

/** Who calls: a seeded user, nobody, or a forged token. */
export const CALLERS = ['alice', 'bob', 'ada', 'carol', 'anonymous', 'forged'] as const;
