// The billing tables (Drizzle). `drizzle-kit generate` turns changes here into SQL migrations in
// ./drizzle; the app applies them at start-up (lib/db/migrate.ts).
import { sql } from 'drizzle-orm';
import {
  bigint,
  char,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** Invoice statuses: `paying` while a payment is under way (claimed by one attempt). */
export const INVOICE_STATUSES = ['open', 'paying', 'paid', 'failed', 'refunded'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** Where one payment attempt stands (mirrors the PaymentIntent, plus `pending`/`unknown` of our own). */
export const ATTEMPT_STATUSES = [
  'pending',
  'succeeded',
  'requires_action',
  'processing',
  'declined',
  'canceled',
  'unknown',
] as const;
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number];

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** A customer organisation; every row below belongs to one. */
export const tenants = pgTable('tenants', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

/** People who sign in. `role` is `member` or `admin` (admins see their tenant's invoices). */
export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    email: text('email').notNull(),
    role: text('role', { enum: ['member', 'admin'] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_email').on(t.email), check('users_role', sql`${t.role} in ('member', 'admin')`)],
);

/** Invoices: amounts in integer minor units of `currency` (never a float). */
export const invoices = pgTable(
  'invoices',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    ownerId: text('owner_id')
      .notNull()
      .references(() => users.id),
    number: text('number').notNull(),
    description: text('description').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    status: text('status', { enum: INVOICE_STATUSES }).notNull().default('open'),
    /** Bumped on every status change: the compare-and-set token. */
    version: integer('version').notNull().default(1),
    paymentIntentId: text('payment_intent_id'),
    receiptUrl: text('receipt_url'),
    refundId: text('refund_id'),
    lastError: text('last_error'),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    refundedAt: timestamp('refunded_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('invoices_tenant_number').on(t.tenantId, t.number),
    index('invoices_owner').on(t.ownerId),
    check('invoices_amount_positive', sql`${t.amount} > 0`),
    check('invoices_currency_upper', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('invoices_status', sql`${t.status} in ('open', 'paying', 'paid', 'failed', 'refunded')`),
  ],
);

/**
 * One try at paying an invoice. The row is written (and committed) before Stripe is called: its
 * `idempotencyKey` is what a retry or the recovery job sends again, so Stripe never charges twice.
 */
export const paymentAttempts = pgTable(
  'payment_attempts',
  {
    id: text('id').primaryKey(),
    invoiceId: text('invoice_id')
      .notNull()
      .references(() => invoices.id),
    attemptNumber: integer('attempt_number').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    userId: text('user_id').notNull(),
    /** A PaymentMethod id (`pm_...`): never a card number. */
    paymentMethodId: text('payment_method_id').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    status: text('status', { enum: ATTEMPT_STATUSES }).notNull().default('pending'),
    paymentIntentId: text('payment_intent_id'),
    clientSecret: text('client_secret'),
    nextActionUrl: text('next_action_url'),
    receiptUrl: text('receipt_url'),
    errorCode: text('error_code'),
    declineCode: text('decline_code'),
    errorMessage: text('error_message'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('payment_attempts_invoice_number').on(t.invoiceId, t.attemptNumber),
    uniqueIndex('payment_attempts_idempotency_key').on(t.idempotencyKey),
    index('payment_attempts_intent').on(t.paymentIntentId),
  ],
);

/** The tables, for `drizzle(client, { schema })`. */
export const schema = { tenants, users, invoices, paymentAttempts };
export type Invoice = typeof invoices.$inferSelect;
export type PaymentAttempt = typeof paymentAttempts.$inferSelect;
export type User = typeof users.$inferSelect;
