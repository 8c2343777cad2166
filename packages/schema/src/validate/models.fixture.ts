/**
 * Fixture models for the property-based tests (validator cross-checks and the JSON Schema
 * differential test). Used by tests only; not exported from the package entry point.
 *
 * Together they cover every built-in scalar, enums, nested models, arrays with and without
 * `minItems`/`maxItems`, optional, nullable and defaulted fields, both `unknownKeys` modes,
 * Money and JSON fields, and a model with more than 8 fields (the compiled unknown-key check
 * switches from a chain of comparisons to a Set above 8 names).
 */
import { defineEnum } from '../enum-type.js';
import { SchemaModel } from '../model.js';
import { ScalarTypeEnum as S } from '../scalar-type-enum.js';

/** The tutorial's input model. */
export const CapturePaymentInput = new SchemaModel({
  name: 'CapturePaymentInput',
  fields: {
    invoiceId: { type: S.NonEmptyString(), isOptional: false },
    amount: { type: S.PositiveNumber(), isOptional: false },
    currency: { type: S.String(), isOptional: false },
    paymentMethodId: { type: S.NonEmptyString(), isOptional: false },
  },
});

export const CustomerStatus = defineEnum('CustomerStatus', ['active', 'suspended', 'closed'] as const);
export const Channel = defineEnum('Channel', ['email', 'sms', 'push'] as const);
export const EventKind = defineEnum('EventKind', ['created', 'updated', 'deleted'] as const);

/** Nested model in strip mode, with length-bounded and patterned strings. */
export const Address = new SchemaModel({
  name: 'Address',
  unknownKeys: 'strip',
  fields: {
    street: { type: S.NonEmptyString({ maxLength: 40 }), isOptional: false },
    city: { type: S.String({ minLength: 2, maxLength: 5 }), isOptional: false },
    country: { type: S.CountryCode(), isOptional: false },
    postalCode: { type: S.String({ pattern: '^[0-9A-Z][0-9A-Z -]{1,8}[0-9A-Z]$' }), isOptional: true },
    unit: { type: S.String({ pattern: '\\d', maxLength: 6 }), isOptional: true, isNullable: true },
  },
});

/** Strings of every format, temporal scalars, an enum with a default and nested models. */
export const Customer = new SchemaModel({
  name: 'Customer',
  fields: {
    id: { type: S.ID(), isOptional: false },
    externalId: { type: S.UUID(), isOptional: true },
    email: { type: S.Email(), isOptional: false },
    website: { type: S.URL(), isOptional: true, isNullable: true },
    phone: { type: S.PhoneNumber(), isOptional: true },
    locale: { type: S.Locale(), isOptional: false, default: 'en' },
    birthDate: { type: S.Date(), isOptional: true },
    quietHoursStart: { type: S.Time(), isOptional: true, isNullable: true },
    createdAt: { type: S.DateTime(), isOptional: false },
    status: { type: CustomerStatus, isOptional: false, default: 'active' },
    channels: { type: Channel, isOptional: true, isArray: true, maxItems: 3 },
    nickname: { type: S.NonEmptyString({ maxLength: 3 }), isOptional: true },
    address: { type: Address, isOptional: false },
    previousAddresses: { type: Address, isOptional: true, isArray: true, isNullable: true, maxItems: 2 },
  },
});

/** Order line: Money with bounds, small integers, a nullable note. */
export const LineItem = new SchemaModel({
  name: 'LineItem',
  fields: {
    sku: { type: S.ID(), isOptional: false },
    quantity: { type: S.PositiveInt({ max: 100 }), isOptional: false },
    unitPrice: { type: S.Money({ min: 1, max: 1_000_000 }), isOptional: false },
    note: { type: S.String({ maxLength: 20 }), isOptional: true, isNullable: true },
  },
});

/** Every number scalar, Money, Boolean, Currency and arrays of nested models with bounds. */
export const Order = new SchemaModel({
  name: 'Order',
  fields: {
    number: { type: S.PositiveInt(), isOptional: false },
    revision: { type: S.NonNegativeInt(), isOptional: false, default: 0 },
    adjustment: { type: S.Int({ min: -10, max: 10 }), isOptional: true },
    ratio: { type: S.Float(), isOptional: true },
    score: { type: S.Number({ min: 0.5, max: 99.5 }), isOptional: true, isNullable: true },
    weightKg: { type: S.PositiveNumber({ max: 1000 }), isOptional: false },
    // Both an exclusive (> 0) and an inclusive (>= 0.5) lower bound.
    tip: { type: S.PositiveNumber({ min: 0.5, max: 500 }), isOptional: true },
    discount: { type: S.NonNegativeNumber(), isOptional: true },
    total: { type: S.Money(), isOptional: false },
    fees: { type: S.Money(), isOptional: true, isArray: true, minItems: 1, maxItems: 3 },
    paid: { type: S.Boolean(), isOptional: false },
    settlementCurrency: { type: S.Currency(), isOptional: true },
    lines: { type: LineItem, isOptional: false, isArray: true, minItems: 1, maxItems: 4 },
    scores: { type: S.Int(), isOptional: true, isArray: true },
  },
});

/** JSON and JSONObject fields (nullable, defaulted, in arrays) in strip mode. */
export const AuditEvent = new SchemaModel({
  name: 'AuditEvent',
  unknownKeys: 'strip',
  fields: {
    kind: { type: EventKind, isOptional: false },
    payload: { type: S.JSON(), isOptional: false },
    meta: { type: S.JSONObject(), isOptional: true, isNullable: true },
    history: { type: S.JSON(), isOptional: true, isArray: true, maxItems: 3 },
    attributes: { type: S.JSONObject(), isOptional: false, default: { source: 'api' } },
    occurredAt: { type: S.DateTime(), isOptional: false, isArray: true, minItems: 1, maxItems: 2 },
    actor: { type: Address, isOptional: true, isNullable: true },
  },
});

/** More than 8 fields, mostly defaulted (PATCH-like settings). */
export const Preferences = new SchemaModel({
  name: 'Preferences',
  fields: {
    notify: { type: S.Boolean(), isOptional: false, default: true },
    digestHour: { type: S.NonNegativeInt({ max: 23 }), isOptional: false, default: 8 },
    signature: { type: S.String({ maxLength: 30 }), isOptional: false, default: '' },
    channel: { type: Channel, isOptional: true, default: 'email' },
    timezoneOffset: { type: S.Int({ min: -720, max: 840 }), isOptional: true },
    country: { type: S.CountryCode(), isOptional: true, isNullable: true },
    language: { type: S.Locale(), isOptional: true },
    theme: { type: S.NonEmptyString({ maxLength: 12 }), isOptional: true, default: 'light' },
    mutedUntil: { type: S.DateTime(), isOptional: true, isNullable: true },
    dndStart: { type: S.Time(), isOptional: true },
    labels: { type: S.NonEmptyString({ maxLength: 8 }), isOptional: false, isArray: true, default: [] },
  },
});

/**
 * Field names that are also members of `Object.prototype`: legal field names, and a trap for
 * validators that read `v[key]` without an own-property check.
 */
export const InheritedNames = new SchemaModel({
  name: 'InheritedNames',
  fields: {
    toString: { type: S.String({ maxLength: 10 }), isOptional: true },
    valueOf: { type: S.Int(), isOptional: true, isNullable: true },
    isPrototypeOf: { type: S.Boolean(), isOptional: false },
    hasOwnProperty: { type: S.NonEmptyString(), isOptional: true, default: 'yes' },
    toLocaleString: { type: S.JSON(), isOptional: true },
  },
});

/** Every fixture model, by name. */
export const TEST_MODELS = {
  CapturePaymentInput,
  Address,
  Customer,
  LineItem,
  Order,
  AuditEvent,
  Preferences,
  InheritedNames,
} as const;
