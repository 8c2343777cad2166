import { describe, expect, it } from 'vitest';
import { defineEnum } from './enum-type.js';
import { SchemaModel } from './model.js';
import { ScalarTypeEnum } from './scalar-type-enum.js';
import { interpretModel, setValidatorMode } from './validate/validator.js';

const CapturePaymentInput = new SchemaModel({
  name: 'CapturePaymentInput',
  fields: {
    invoiceId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false },
    amount: { type: ScalarTypeEnum.PositiveNumber(), isOptional: false },
    currency: { type: ScalarTypeEnum.String(), isOptional: false },
    paymentMethodId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false },
  },
});

const Line = new SchemaModel({
  name: 'Line',
  fields: {
    label: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false },
    price: { type: ScalarTypeEnum.Money(), isOptional: false },
  },
});
const Status = defineEnum('InvoiceStatus', ['open', 'paid'] as const);
const Invoice = new SchemaModel({
  name: 'Invoice',
  fields: {
    status: { type: Status, isOptional: false, default: 'open' },
    lines: { type: Line, isOptional: false, isArray: true, minItems: 1, maxItems: 3 },
    dueAt: { type: ScalarTypeEnum.DateTime(), isOptional: true },
    note: { type: ScalarTypeEnum.String(), isOptional: true, isNullable: true },
  },
});

const valid = { invoiceId: 'inv_1', amount: 12.5, currency: 'usd', paymentMethodId: 'pm_card_visa' };

describe('SchemaModel.validate', () => {
  it('accepts the tutorial input and returns a fresh object with only declared keys', () => {
    const result = CapturePaymentInput.validate(valid);
    expect(result).toEqual({ ok: true, value: valid });
    if (result.ok) expect(result.value).not.toBe(valid);
  });

  it('reports every issue with a path and a stable code', () => {
    const result = CapturePaymentInput.validate(
      JSON.parse('{"invoiceId":" ","amount":0,"currency":1,"extra":1}'),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['invoiceId', 'too_small'],
      ['amount', 'too_small'],
      ['currency', 'invalid_type'],
      ['paymentMethodId', 'required'],
      ['extra', 'unknown_key'],
    ]);
  });

  it.each([null, undefined, 'x', 1, [], true])('rejects a non-object root %j', (input) => {
    const result = CapturePaymentInput.validate(input);
    expect(result).toEqual({
      ok: false,
      issues: [{ path: [], code: 'invalid_type', message: 'must be an object' }],
    });
  });

  it('never copies __proto__, constructor or prototype, and reports them as forbidden', () => {
    const hostile = JSON.parse(
      '{"invoiceId":"a","amount":1,"currency":"x","paymentMethodId":"p","__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}',
    );
    const result = CapturePaymentInput.validate(hostile);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.code)).toEqual(['forbidden_key', 'forbidden_key']);
    expect(Reflect.get({}, 'isAdmin')).toBeUndefined();
  });

  it('ignores inherited properties: a polluted prototype cannot fill a field', () => {
    const proto = { invoiceId: 'from-prototype' };
    const input = Object.assign(Object.create(proto), { amount: 1, currency: 'x', paymentMethodId: 'p' });
    const result = CapturePaymentInput.validate(input);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues).toEqual([{ path: ['invoiceId'], code: 'required', message: 'is required' }]);
  });

  it('caps the number of unknown keys reported', () => {
    const input: Record<string, unknown> = { ...valid };
    for (let i = 0; i < 1000; i++) input[`k${i}`] = i;
    const result = CapturePaymentInput.validate(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toHaveLength(20);
  });

  it('applies defaults, decodes DateTime to Date, keeps null where declared', () => {
    const result = Invoice.validate({
      lines: [{ label: 'Seat', price: { amount: 1200, currency: 'EUR' } }],
      dueAt: '2026-12-01T10:00:00+01:00',
      note: null,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.status).toBe('open');
    expect(result.value.dueAt).toEqual(new Date('2026-12-01T09:00:00Z'));
    expect(result.value.note).toBeNull();
  });

  it('reports nested array paths and item limits', () => {
    const bad = Invoice.validate({
      lines: [{ label: 'a', price: { amount: 1, currency: 'EUR' } }, { label: '' }],
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.issues.map((i) => i.path)).toEqual([
        ['lines', 1, 'label'],
        ['lines', 1, 'price'],
      ]);
    }
    const tooMany = Invoice.validate({
      lines: Array(4).fill({ label: 'a', price: { amount: 1, currency: 'EUR' } }),
    });
    expect(tooMany.ok ? [] : tooMany.issues.map((i) => i.code)).toEqual(['too_big']);
    const tooFew = Invoice.validate({ lines: [] });
    expect(tooFew.ok ? [] : tooFew.issues.map((i) => i.code)).toEqual(['too_small']);
  });

  it('drops unknown keys in strip mode', () => {
    const Loose = new SchemaModel({
      name: 'Loose',
      unknownKeys: 'strip',
      fields: { a: { type: ScalarTypeEnum.Int(), isOptional: false } },
    });
    expect(Loose.validate(JSON.parse('{"a":1,"b":2,"__proto__":{"x":1}}'))).toEqual({
      ok: true,
      value: { a: 1 },
    });
  });

  it('gives the same answer compiled and interpreted', () => {
    const inputs = [valid, {}, { ...valid, amount: '1' }, { lines: [{}] }, null];
    for (const input of inputs) {
      expect(CapturePaymentInput.validate(input)).toEqual(interpretModel(CapturePaymentInput, input));
      expect(Invoice.validate(input)).toEqual(interpretModel(Invoice, input));
    }
  });

  it('falls back to the interpreter when asked (platforms without code generation)', () => {
    setValidatorMode('interpreted');
    try {
      const Fresh = CapturePaymentInput.extend({ name: 'FreshInput', fields: {} });
      expect(Fresh.validate(valid)).toEqual({ ok: true, value: valid });
    } finally {
      setValidatorMode('compiled');
    }
  });

  it('never throws, even on objects whose getters throw', () => {
    const evil = Object.defineProperty({}, 'invoiceId', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(CapturePaymentInput.validate(evil).ok).toBe(false);
  });
});

describe('SchemaModel.encode', () => {
  it('turns application values into wire values and drops undeclared keys', () => {
    const out = Invoice.encode({
      status: 'paid',
      lines: [{ label: 'x', price: { amount: 5, currency: 'JPY' }, secret: 'drop me' }],
      dueAt: new Date('2026-01-02T03:04:05.678Z'),
      internal: true,
    });
    expect(out).toEqual({
      ok: true,
      value: {
        status: 'paid',
        lines: [{ label: 'x', price: { amount: 5, currency: 'JPY' } }],
        dueAt: '2026-01-02T03:04:05.678Z',
      },
    });
  });

  it('rejects application values that break the contract', () => {
    const out = Invoice.encode({ status: 'paid', lines: [], dueAt: 'not a date' });
    expect(out.ok ? [] : out.issues.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['lines', 'too_small'],
      ['dueAt', 'invalid_type'],
    ]);
  });
});

describe('definition checks', () => {
  const S = ScalarTypeEnum.String();
  it.each([
    ['a lower-case model name', () => new SchemaModel({ name: 'input', fields: {} }), /PascalCase/],
    [
      'a field without isOptional',
      () => new SchemaModel({ name: 'A', fields: { a: { type: S } as never } }),
      /isOptional/,
    ],
    [
      'a field with a non-type',
      () => new SchemaModel({ name: 'A', fields: { a: { type: 'string', isOptional: false } as never } }),
      /type/,
    ],
    [
      'a reserved field name',
      () => new SchemaModel({ name: 'A', fields: { constructor: { type: S, isOptional: false } } }),
      /identifiers/,
    ],
    [
      'a field name starting with __',
      () => new SchemaModel({ name: 'A', fields: { __x: { type: S, isOptional: false } } }),
      /identifiers/,
    ],
    [
      'an invalid default',
      () =>
        new SchemaModel({
          name: 'A',
          fields: { a: { type: ScalarTypeEnum.Int(), isOptional: true, default: 'x' } },
        }),
      /default is invalid/,
    ],
    [
      'an invalid example',
      () =>
        new SchemaModel({
          name: 'A',
          fields: { a: { type: ScalarTypeEnum.Email(), isOptional: true, examples: ['nope'] } },
        }),
      /example is invalid/,
    ],
    [
      'maxItems without isArray',
      () => new SchemaModel({ name: 'A', fields: { a: { type: S, isOptional: true, maxItems: 2 } } }),
      /isArray/,
    ],
    [
      'bad unknownKeys',
      () => new SchemaModel({ name: 'A', unknownKeys: 'allow' as never, fields: {} }),
      /unknownKeys/,
    ],
    [
      'an invalid model example',
      () => new SchemaModel({ name: 'A', fields: { a: { type: S, isOptional: false } }, examples: [{}] }),
      /example is invalid/,
    ],
  ])('rejects %s with a clear message', (_name, define, message) => {
    expect(define).toThrow(message);
  });

  it('freezes models and their fields', () => {
    expect(Object.isFrozen(CapturePaymentInput)).toBe(true);
    expect(Object.isFrozen(CapturePaymentInput.fields)).toBe(true);
  });

  it('composes with pick, omit, partial and extend', () => {
    const Ids = CapturePaymentInput.pick(['invoiceId', 'paymentMethodId'], { name: 'Ids' });
    expect(Object.keys(Ids.fields)).toEqual(['invoiceId', 'paymentMethodId']);
    const NoCurrency = CapturePaymentInput.omit(['currency'], { name: 'NoCurrency' });
    expect(Object.keys(NoCurrency.fields)).toEqual(['invoiceId', 'amount', 'paymentMethodId']);
    const Patch = Invoice.partial({ name: 'InvoicePatch' });
    expect(Patch.validate({})).toEqual({ ok: true, value: {} });
    const WithNote = CapturePaymentInput.extend({
      name: 'WithNote',
      fields: { note: { type: ScalarTypeEnum.String(), isOptional: true } },
    });
    expect(WithNote.validate({ ...valid, note: 'hi' }).ok).toBe(true);
    expect(() => CapturePaymentInput.pick(['nope' as 'currency'], { name: 'X' })).toThrow(/no field "nope"/);
  });
});

describe('Standard Schema v1', () => {
  it('validates through ~standard with messages and paths', async () => {
    const std = CapturePaymentInput['~standard'];
    expect(std.version).toBe(1);
    expect(std.vendor).toBe('lssm');
    expect(await std.validate(valid)).toEqual({ value: valid });
    const failed = await std.validate({ ...valid, amount: -1 });
    expect(failed.issues?.[0]).toMatchObject({ path: ['amount'], message: 'must be greater than 0' });
    expect(await ScalarTypeEnum.Email()['~standard'].validate('x')).toHaveProperty('issues');
    expect(await Status['~standard'].validate('paid')).toEqual({ value: 'paid' });
  });
});
