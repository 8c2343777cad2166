import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnyScalarType } from '../scalar-type.js';
import { ScalarTypeEnum } from '../scalar-type-enum.js';
import {
  allAs,
  expectAccepted,
  expectFastPathAgrees,
  expectFastPathAgreesOnGenerated,
  expectRejected,
  type RejectRow,
  rows,
  type ScalarCase,
  valueRows,
} from './scalar-assertions.fixture.js';

// ---------------------------------------------------------------------------------------------
// Tables.

/** Values that are not strings: every string scalar answers invalid_type. */
const NOT_STRINGS: readonly unknown[] = [
  null,
  undefined,
  0,
  12,
  -0,
  Number.NaN,
  Infinity,
  true,
  false,
  [],
  ['a'],
  {},
  { toString: () => 'a' },
  new String('a'),
  Symbol('a'),
  1n,
  () => 'a',
  new Date(0),
];

/** Whitespace-only and unusual strings no format scalar accepts. */
const ODD_STRINGS: readonly string[] = [
  ' ',
  '\t\n',
  '\u00a0',
  '\u2028',
  '\u3000',
  '😀',
  '漢字',
  'e\u0301',
  '\uD800',
  '\uDC00',
  'a\uDC00b',
];

const TEN_K = 'x'.repeat(10_000);
const EMOJI = '😀';

const CASES: readonly ScalarCase<string>[] = [
  {
    name: 'String',
    make: () => ScalarTypeEnum.String(),
    accept: [
      '',
      'a',
      'hello world',
      ' ',
      '\t\n',
      '\u00a0',
      '\u2028',
      '\u0000',
      '12',
      'true',
      'null',
      EMOJI,
      '\uD83D\uDE00',
      '漢字',
      'e\u0301',
      '👨‍👩‍👧',
      '🇫🇷',
      TEN_K,
      EMOJI.repeat(10_000),
    ],
    reject: [
      ['\uD800', 'invalid_string'],
      ['\uDC00', 'invalid_string'],
      ['a\uDC00b', 'invalid_string'],
      ['\uDC00\uD800', 'invalid_string'],
      ['abc\uDBFF', 'invalid_string'],
      [`${TEN_K}x`, 'too_big'],
      [EMOJI.repeat(10_001), 'too_big'],
      ['x'.repeat(1_000_000), 'too_big'],
    ],
  },
  {
    name: 'NonEmptyString',
    make: () => ScalarTypeEnum.NonEmptyString(),
    accept: [
      'a',
      ' a ',
      '\ta',
      '0',
      'false',
      EMOJI,
      '漢字',
      'e\u0301',
      '\u0301',
      '👨‍👩‍👧',
      TEN_K,
      `${' '.repeat(9_999)}x`,
    ],
    reject: [
      ['', 'too_small'],
      [' ', 'too_small'],
      ['   ', 'too_small'],
      ['\t\n', 'too_small'],
      ['\r\n\v\f', 'too_small'],
      ['\u00a0', 'too_small'],
      ['\u2028', 'too_small'],
      ['\u2029', 'too_small'],
      ['\u3000', 'too_small'],
      ['\ufeff', 'too_small'],
      ['\u00a0\u2028 \t', 'too_small'],
      [' '.repeat(10_000), 'too_small'],
      ['\uD800', 'invalid_string'],
      ['a\uDC00b', 'invalid_string'],
      [' \uD800', 'invalid_string'],
      [`${TEN_K}x`, 'too_big'],
      ['x'.repeat(1_000_000), 'too_big'],
    ],
  },
  {
    name: 'ID',
    make: () => ScalarTypeEnum.ID(),
    accept: [
      'a',
      '0',
      'A1',
      'user_123',
      'order-2024.01',
      'urn:x:y',
      'a|b',
      'cus_NffrFeUfNV2Hib',
      'x'.repeat(128),
    ],
    reject: [
      ['', 'too_small'],
      ['_a', 'invalid_format'],
      ['-a', 'invalid_format'],
      ['.a', 'invalid_format'],
      [':a', 'invalid_format'],
      ['a b', 'invalid_format'],
      ['a/b', 'invalid_format'],
      ['a\n', 'invalid_format'],
      ['ü', 'invalid_format'],
      ['x'.repeat(129), 'too_big'],
      ...allAs(ODD_STRINGS, 'invalid_format'),
    ],
  },
  {
    name: 'UUID',
    make: () => ScalarTypeEnum.UUID(),
    accept: [
      '123e4567-e89b-12d3-a456-426614174000',
      '00000000-0000-0000-0000-000000000000',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
      'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
      '018f3b1e-7c2a-7d4e-9f00-1a2b3c4d5e6f',
      '550E8400-e29b-41D4-a716-446655440000',
    ],
    reject: [
      ['', 'invalid_format'],
      ['123e4567e89b12d3a456426614174000', 'invalid_format'],
      ['123e4567-e89b-12d3-a456-42661417400', 'invalid_format'],
      ['g23e4567-e89b-12d3-a456-426614174000', 'invalid_format'],
      ['123e4567_e89b_12d3_a456_426614174000', 'invalid_format'],
      ['123e4567-e89b12d3-a456-4266141740000', 'invalid_format'],
      [' 23e4567-e89b-12d3-a456-426614174000', 'invalid_format'],
      ['123e4567-e89b-12d3-a456-4266141740000', 'too_big'],
      ['{123e4567-e89b-12d3-a456-426614174000}', 'too_big'],
      ['urn:uuid:123e4567-e89b-12d3-a456-426614174000', 'too_big'],
      ...allAs(ODD_STRINGS, 'invalid_format'),
    ],
  },
  {
    name: 'Email',
    make: () => ScalarTypeEnum.Email(),
    accept: [
      'user@example.com',
      'first.last+tag@sub.example.co.uk',
      "o'brien@example.ie",
      'USER@EXAMPLE.COM',
      'a@b.co',
      'x@x.x',
      '1234@example.com',
      'user%example.com@example.org',
      'customer/department=shipping@example.com',
      'user@xn--bcher-kva.example',
      'user@example-domain.c0m',
      `${'a'.repeat(64)}@example.com`,
      `a@${`${'a'.repeat(63)}.`.repeat(3)}${'a'.repeat(60)}`,
    ],
    reject: [
      ['', 'invalid_format'],
      ['plainaddress', 'invalid_format'],
      ['@example.com', 'invalid_format'],
      ['user@', 'invalid_format'],
      ['user@example', 'invalid_format'],
      ['user@localhost', 'invalid_format'],
      ['user@@example.com', 'invalid_format'],
      ['user@.example.com', 'invalid_format'],
      ['user@example..com', 'invalid_format'],
      ['user@example.com.', 'invalid_format'],
      ['user@-example.com', 'invalid_format'],
      ['user@example-.com', 'invalid_format'],
      ['user@example.123', 'invalid_format'],
      ['user@[127.0.0.1]', 'invalid_format'],
      ['.user@example.com', 'invalid_format'],
      ['user.@example.com', 'invalid_format'],
      ['us..er@example.com', 'invalid_format'],
      ['"john doe"@example.com', 'invalid_format'],
      ['user name@example.com', 'invalid_format'],
      ['user@exa mple.com', 'invalid_format'],
      [' user@example.com', 'invalid_format'],
      ['user@example.com ', 'invalid_format'],
      ['user@example.com\n', 'invalid_format'],
      ['josé@example.com', 'invalid_format'],
      ['user@bücher.de', 'invalid_format'],
      ['user@例え.jp', 'invalid_format'],
      ['a@b@example.com', 'invalid_format'],
      ['user@example.com\uD800', 'invalid_format'],
      [`${'a'.repeat(65)}@example.com`, 'invalid_format'],
      [`a@${`${'a'.repeat(63)}.`.repeat(3)}${'a'.repeat(61)}`, 'too_big'],
      ...allAs(ODD_STRINGS, 'invalid_format'),
    ],
  },
  {
    name: 'URL',
    make: () => ScalarTypeEnum.URL(),
    accept: [
      'https://example.com',
      'http://example.com',
      'https://example.com/',
      'https://sub.example.co.uk/path/to?q=1&r=a%20b#frag',
      'https://example.com:8080/x',
      'https://example.com:65535',
      'http://localhost:3000',
      'http://127.0.0.1',
      'http://[::1]:8080/',
      'https://example.com?x',
      'https://example.com#x',
      'https://example.com/path@not-credentials',
      'https://example.com/😀/漢字',
      'https://xn--bcher-kva.example/',
      `https://example.com/${'a'.repeat(2048 - 20)}`,
    ],
    reject: [
      ['', 'invalid_format'],
      ['example.com', 'invalid_format'],
      ['www.example.com', 'invalid_format'],
      ['//example.com', 'invalid_format'],
      ['/relative/path', 'invalid_format'],
      ['javascript:alert(1)', 'invalid_format'],
      ['JAVASCRIPT:alert(1)', 'invalid_format'],
      ['javascript://example.com/%0Aalert(1)', 'invalid_format'],
      ['data:text/html,<script>alert(1)</script>', 'invalid_format'],
      ['ftp://example.com/file', 'invalid_format'],
      ['file:///etc/passwd', 'invalid_format'],
      ['mailto:user@example.com', 'invalid_format'],
      ['ws://example.com', 'invalid_format'],
      ['https://user:pw@example.com', 'invalid_format'],
      ['https://user@example.com/', 'invalid_format'],
      ['https://:pw@example.com', 'invalid_format'],
      ['https://example.com\\@evil.com', 'invalid_format'],
      ['https://exa mple.com', 'invalid_format'],
      ['https://example.com/a b', 'invalid_format'],
      ['https://example.com/a\tb', 'invalid_format'],
      [' https://example.com', 'invalid_format'],
      ['https://example.com ', 'invalid_format'],
      ['https://example.com\n', 'invalid_format'],
      ['https://example.com/\u2028', 'invalid_format'],
      ['https://example.com/\u00a0', 'invalid_format'],
      ['https://example.com/\uD800', 'invalid_format'],
      ['https://', 'invalid_format'],
      ['https:///path', 'invalid_format'],
      ['http:example.com', 'invalid_format'],
      ['https://-bad.example.com', 'invalid_format'],
      ['https://example.com:', 'invalid_format'],
      ['https://example.com:99999', 'invalid_format'],
      ['https://example.com:65536/', 'invalid_format'],
      ['https://example.com:123456', 'invalid_format'],
      ['https://bücher.de', 'invalid_format'],
      [`https://example.com/${'a'.repeat(2048 - 19)}`, 'too_big'],
      ...allAs(ODD_STRINGS, 'invalid_format'),
    ],
  },
  {
    name: 'PhoneNumber',
    make: () => ScalarTypeEnum.PhoneNumber(),
    accept: ['+14155550123', '+442071838750', '+33142685300', '+12', '+123456789012345'],
    reject: [
      ['', 'invalid_format'],
      ['+', 'invalid_format'],
      ['+1', 'invalid_format'],
      ['14155550123', 'invalid_format'],
      ['+0123456', 'invalid_format'],
      ['++14155550123', 'invalid_format'],
      ['+1 415 555 0123', 'invalid_format'],
      ['+1-415-555-0123', 'invalid_format'],
      ['(415) 555-0123', 'invalid_format'],
      ['+1415555012a', 'invalid_format'],
      ['+١٢٣٤٥', 'invalid_format'],
      ['+１２３４５', 'invalid_format'],
      ['+14155550123\n', 'invalid_format'],
      ['+1234567890123456', 'too_big'],
      ...allAs(ODD_STRINGS, 'invalid_format'),
    ],
  },
  {
    name: 'Locale',
    make: () => ScalarTypeEnum.Locale(),
    accept: [
      'en',
      'en-US',
      'pt-BR',
      'zh-Hant-TW',
      'sr-Latn-RS',
      'es-419',
      'de-CH-1996',
      'sl-rozaj-biske',
      'zh-cmn-Hans-CN',
      'en-US-u-ca-gregory',
      'en-US-x-twain',
      'yue-HK',
      'und',
      'EN-us',
    ],
    reject: [
      ['', 'invalid_format'],
      ['e', 'invalid_format'],
      ['en_US', 'invalid_format'],
      ['en-', 'invalid_format'],
      ['-en', 'invalid_format'],
      ['en--US', 'invalid_format'],
      ['en US', 'invalid_format'],
      ['en-US ', 'invalid_format'],
      ['en-US\n', 'invalid_format'],
      ['123', 'invalid_format'],
      ['en-US-u', 'invalid_format'],
      ['en-a', 'invalid_format'],
      ['x-private', 'invalid_format'],
      ['i-klingon', 'invalid_format'],
      ['abcdefghi', 'invalid_format'],
      ['en-ÜS', 'invalid_format'],
      [`en-${'abcdefgh-'.repeat(7)}x`, 'too_big'],
      ...allAs(ODD_STRINGS, 'invalid_format'),
    ],
  },
  {
    name: 'Currency',
    make: () => ScalarTypeEnum.Currency(),
    accept: ['USD', 'EUR', 'JPY', 'KWD', 'GBP', 'CHF', 'ISK'],
    reject: [
      ['usd', 'invalid_enum'],
      ['Usd', 'invalid_enum'],
      ['XXX', 'invalid_enum'],
      ['ABC', 'invalid_enum'],
      ['XAU', 'invalid_enum'],
      ['XTS', 'invalid_enum'],
      ['HRK', 'invalid_enum'],
      ['', 'invalid_enum'],
      ['US', 'invalid_enum'],
      ['US ', 'invalid_enum'],
      ['US$', 'invalid_enum'],
      ['€', 'invalid_enum'],
      ['USDD', 'too_big'],
      [' USD', 'too_big'],
      ['USD\n', 'too_big'],
      ['__proto__', 'too_big'],
      ['constructor', 'too_big'],
      ...allAs(ODD_STRINGS, 'invalid_enum'),
    ],
  },
  {
    name: 'CountryCode',
    make: () => ScalarTypeEnum.CountryCode(),
    accept: ['US', 'FR', 'GB', 'JP', 'DE', 'AX', 'SS'],
    reject: [
      ['UK', 'invalid_enum'],
      ['EU', 'invalid_enum'],
      ['XK', 'invalid_enum'],
      ['ZZ', 'invalid_enum'],
      ['us', 'invalid_enum'],
      ['Us', 'invalid_enum'],
      ['U', 'invalid_enum'],
      ['', 'invalid_enum'],
      ['🇫🇷', 'invalid_enum'],
      ['USA', 'too_big'],
      [' US', 'too_big'],
      ['__proto__', 'too_big'],
      ...allAs(
        ODD_STRINGS.filter((s) => s !== 'a\uDC00b'),
        'invalid_enum',
      ),
      ['a\uDC00b', 'too_big'],
    ],
  },
];

const HUGE: readonly (readonly [string, string])[] = [
  ['1,000,000 ASCII characters', 'a'.repeat(1_000_000)],
  ['1,000,000 spaces', ' '.repeat(1_000_000)],
  ['500,000 emoji', EMOJI.repeat(500_000)],
  ['1,000,000 lone surrogates', '\uD800'.repeat(1_000_000)],
];

// ---------------------------------------------------------------------------------------------

describe.each(CASES)('$name', ({ name, make, accept, reject }) => {
  const scalar = make();

  it('has its name', () => {
    expect(scalar.name).toBe(name);
  });

  it.each(valueRows(accept))('accepts %s unchanged', (_, value) => {
    expectAccepted(scalar, value);
  });

  it.each(rows(reject))('rejects %s', (_, value, code) => {
    expectRejected(scalar, value, code);
  });

  it.each(valueRows(NOT_STRINGS))('rejects %s as invalid_type', (_, value) => {
    expectRejected(scalar, value, 'invalid_type');
  });

  it.each(HUGE)('rejects %s quickly with too_big', (_, value) => {
    expectRejected(scalar, value, 'too_big');
  });

  it('fast path never accepts what check rejects (tables)', () => {
    expectFastPathAgrees(scalar, [
      ...accept,
      ...reject.map(([v]) => v),
      ...NOT_STRINGS,
      ...HUGE.map(([, v]) => v),
    ]);
  });

  it('fast path never accepts what check rejects (generated)', () => {
    expectFastPathAgreesOnGenerated(
      scalar,
      fc.oneof(
        fc.anything(),
        fc.string(),
        fc.string({ unit: 'binary' }),
        fc.string({ unit: 'grapheme' }),
        fc.constantFrom(...accept).map((s) => s.slice(0, s.length - 1)),
        fc.constantFrom(...accept).map((s) => `${s}\uD800`),
      ),
    );
  });
});

describe('String and NonEmptyString options', () => {
  const cases: readonly (readonly [string, AnyScalarType, readonly string[], readonly RejectRow[]])[] = [
    [
      'String({ maxLength: 2 }) counts code points',
      ScalarTypeEnum.String({ maxLength: 2 }),
      ['', 'ab', '😀😀', '漢字', 'e\u0301', '🇫🇷'],
      [
        ['abc', 'too_big'],
        ['😀😀😀', 'too_big'],
        ['e\u0301e', 'too_big'],
        ['👨‍👩‍👧', 'too_big'],
      ],
    ],
    [
      'String({ minLength: 2 }) counts code points',
      ScalarTypeEnum.String({ minLength: 2 }),
      ['ab', '😀😀', 'e\u0301', '  '],
      [
        ['', 'too_small'],
        ['a', 'too_small'],
        ['😀', 'too_small'],
        ['\u00e9', 'too_small'],
      ],
    ],
    [
      'String({ minLength: 3, maxLength: 3 })',
      ScalarTypeEnum.String({ minLength: 3, maxLength: 3 }),
      ['abc', '😀😀😀', 'a😀b'],
      [
        ['ab', 'too_small'],
        ['😀😀', 'too_small'],
        ['abcd', 'too_big'],
        ['😀😀😀😀', 'too_big'],
      ],
    ],
    [
      'String({ maxLength: 0 }) accepts only ""',
      ScalarTypeEnum.String({ maxLength: 0 }),
      [''],
      [
        [' ', 'too_big'],
        ['a', 'too_big'],
      ],
    ],
    [
      'String({ pattern: /^[a-z]+$/ })',
      ScalarTypeEnum.String({ pattern: /^[a-z]+$/ }),
      ['abc', 'z'],
      [
        ['', 'invalid_format'],
        ['Abc', 'invalid_format'],
        ['ab1', 'invalid_format'],
        ['abc\n', 'invalid_format'],
        ['ab\uD800', 'invalid_string'],
      ],
    ],
    [
      'String({ pattern: "abc" }) matches anywhere',
      ScalarTypeEnum.String({ pattern: 'abc' }),
      ['abc', 'xxabcxx'],
      [
        ['ab', 'invalid_format'],
        ['ABC', 'invalid_format'],
      ],
    ],
    [
      'String({ pattern: /^\\p{L}+$/u }) is unicode-aware',
      ScalarTypeEnum.String({ pattern: /^\p{L}+$/u }),
      ['héllo', '漢字'],
      [
        ['a1', 'invalid_format'],
        ['😀', 'invalid_format'],
      ],
    ],
    [
      'String({ pattern: /^.$/ }) sees an emoji as one character',
      ScalarTypeEnum.String({ pattern: /^.$/ }),
      ['a', '😀'],
      [['ab', 'invalid_format']],
    ],
    [
      'NonEmptyString({ pattern: /^\\d+$/ })',
      ScalarTypeEnum.NonEmptyString({ pattern: /^\d+$/ }),
      ['12'],
      [
        ['', 'too_small'],
        [' ', 'too_small'],
        ['a', 'invalid_format'],
        [' 12', 'invalid_format'],
      ],
    ],
    [
      'NonEmptyString({ minLength: 0 }) still needs a non-blank character',
      ScalarTypeEnum.NonEmptyString({
        minLength: 0,
      }),
      ['a'],
      [
        ['', 'too_small'],
        [' ', 'too_small'],
        ['\u2028', 'too_small'],
      ],
    ],
    [
      'NonEmptyString({ minLength: 3 })',
      ScalarTypeEnum.NonEmptyString({ minLength: 3 }),
      ['abc', ' a ', '😀😀😀'],
      [
        ['ab', 'too_small'],
        ['   ', 'too_small'],
        ['😀😀', 'too_small'],
      ],
    ],
    [
      'NonEmptyString({ maxLength: 3 })',
      ScalarTypeEnum.NonEmptyString({ maxLength: 3 }),
      ['a', '😀😀😀'],
      [
        ['abcd', 'too_big'],
        ['    ', 'too_big'],
      ],
    ],
  ];

  it.each(cases)('%s', (_, scalar, accept, reject) => {
    for (const value of accept) expectAccepted(scalar, value);
    for (const [value, code] of reject) expectRejected(scalar, value, code);
    expectFastPathAgrees(scalar, [...accept, ...reject.map(([v]) => v), ...NOT_STRINGS, ...ODD_STRINGS]);
  });

  it.each([
    ['maxLength: -1', () => ScalarTypeEnum.String({ maxLength: -1 })],
    ['maxLength: 1.5', () => ScalarTypeEnum.String({ maxLength: 1.5 })],
    ['maxLength: NaN', () => ScalarTypeEnum.String({ maxLength: Number.NaN })],
    ['maxLength: Infinity', () => ScalarTypeEnum.String({ maxLength: Infinity })],
    ['maxLength: "10"', () => ScalarTypeEnum.String({ maxLength: '10' as unknown as number })],
    ['minLength: -1', () => ScalarTypeEnum.String({ minLength: -1 })],
    ['minLength 5 > maxLength 4', () => ScalarTypeEnum.String({ minLength: 5, maxLength: 4 })],
    ['minLength 10,001 > default maxLength', () => ScalarTypeEnum.String({ minLength: 10_001 })],
    ['NonEmptyString maxLength: 0', () => ScalarTypeEnum.NonEmptyString({ maxLength: 0 })],
    ['pattern with the i flag', () => ScalarTypeEnum.String({ pattern: /abc/i })],
    ['pattern with the g flag', () => ScalarTypeEnum.String({ pattern: /abc/g })],
    ['pattern with the m flag', () => ScalarTypeEnum.String({ pattern: /^abc$/m })],
    ['pattern with the s flag', () => ScalarTypeEnum.String({ pattern: /a.c/s })],
    ['pattern with the y flag', () => ScalarTypeEnum.String({ pattern: /abc/y })],
    ['invalid pattern source', () => ScalarTypeEnum.String({ pattern: '(' })],
    ['pattern invalid in unicode mode', () => ScalarTypeEnum.String({ pattern: '\\a' })],
    ['NonEmptyString pattern with the i flag', () => ScalarTypeEnum.NonEmptyString({ pattern: /a/i })],
  ])('%s throws a TypeError at definition', (_, make) => {
    expect(make).toThrow(TypeError);
  });

  it('accepts plain and u-flag patterns', () => {
    expect(() => ScalarTypeEnum.String({ pattern: /abc/ })).not.toThrow();
    expect(() => ScalarTypeEnum.String({ pattern: /abc/u })).not.toThrow();
  });

  it('a global-flag-free pattern gives the same answer every time (no lastIndex state)', () => {
    const scalar = ScalarTypeEnum.String({ pattern: 'a' });
    for (let i = 0; i < 3; i++) expect(scalar.validate('a').ok).toBe(true);
  });

  it('keeps descriptions', () => {
    expect(ScalarTypeEnum.String({ description: 'Free text' }).def.description).toBe('Free text');
    expect(ScalarTypeEnum.Email({ description: 'Billing email' }).def.description).toBe('Billing email');
    expect(ScalarTypeEnum.Currency({ description: 'Payout currency' }).def.description).toBe(
      'Payout currency',
    );
  });
});

describe('format scalars reject adversarial input near their length limit (a catastrophic regex would hit the test timeout)', () => {
  it.each([
    ['Email', ScalarTypeEnum.Email(), `${'a.'.repeat(31)}a@${'a-'.repeat(90)}!`],
    ['Email', ScalarTypeEnum.Email(), `${'a'.repeat(64)}@${'a.'.repeat(90)}-`],
    ['URL', ScalarTypeEnum.URL(), `https://${'a-'.repeat(1000)}!`],
    ['URL', ScalarTypeEnum.URL(), `https://${'a.'.repeat(1000)}.`],
    ['Locale', ScalarTypeEnum.Locale(), `en${'-abcde'.repeat(10)}-!`],
    ['Locale', ScalarTypeEnum.Locale(), `en${'-a-bb'.repeat(12)}-`],
    ['ID', ScalarTypeEnum.ID(), `${'a'.repeat(127)}!`],
  ])('%s: %#', (_, scalar, value) => {
    expectRejected(scalar, value, 'invalid_format');
  });
});
