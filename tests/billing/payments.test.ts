// The payment flow's building blocks against a real database (PGlite in memory, the app's own
// migrations): the claim, recording Stripe's answers, the deferred unit of work, and how Stripe's
// answers are read. (The example's modules live under examples/billing/lib, outside vitest's
// unit-test globs, so their tests are here.)
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../examples/billing/lib/db/database.js';
import {
  type DeferredTransaction,
  DeferredUnitOfWork,
} from '../../examples/billing/lib/db/deferred-unit-of-work.js';
import { invoiceById } from '../../examples/billing/lib/db/invoices.js';
import { invoices, type PaymentAttempt, paymentAttempts } from '../../examples/billing/lib/db/schema.js';
import { seedDemoData } from '../../examples/billing/lib/db/seed.js';
import { claimInvoice, intentParams } from '../../examples/billing/lib/payments/capture.js';
import {
  outcomeOfError,
  outcomeOfIntent,
  type PaymentOutcome,
} from '../../examples/billing/lib/payments/outcome.js';
import { MAX_DECLINED_ATTEMPTS, recordOutcome } from '../../examples/billing/lib/payments/record.js';
import { APP_DIR } from '../../examples/billing/scripts/ensure-build.js';

let database: Database;
let invoiceId: string;

beforeAll(async () => {
  database = await openDatabase({ dataDir: 'memory://' });
  await database.migrate(join(APP_DIR, 'drizzle'));
  await seedDemoData(database.db);
}, 60_000);

afterAll(async () => {
  await database?.close();
});

beforeEach(async () => {
  // A fresh open invoice of alice's for each test.
  invoiceId = `inv_test_${Math.random().toString(36).slice(2)}`;
  await database.db.insert(invoices).values({
    id: invoiceId,
    tenantId: 'acme',
    ownerId: 'alice',
    number: invoiceId,
    description: 'test',
    amount: 5000,
    currency: 'JPY',
  });
});

const claim = async (paymentMethodId = 'pm_card_visa', userId = 'alice') => {
  const claimed = await claimInvoice(database, { invoiceId, userId, paymentMethodId });
  if (claimed.kind !== 'claimed') throw new Error(`refused: ${claimed.status}`);
  return claimed.attempt;
};
const record = (attempt: PaymentAttempt, outcome: PaymentOutcome) =>
  database.driver.transaction((tx) => recordOutcome(database.orm(tx), attempt, outcome, new Date()));
const succeeded: PaymentOutcome = { kind: 'succeeded', intentId: 'pi_1', receiptUrl: 'https://r.test/1' };
const declined: PaymentOutcome = {
  kind: 'declined',
  intentId: 'pi_2',
  code: 'card_declined',
  declineCode: 'generic_decline',
  message: 'Declined.',
};
const status = async () => (await invoiceById(database.db, invoiceId))?.status;

describe('claiming an invoice (phase 1)', () => {
  it('moves it open -> paying once and stores the attempt with its Stripe key and the invoice amount', async () => {
    const attempt = await claim();
    expect(attempt).toMatchObject({
      attemptNumber: 1,
      idempotencyKey: `billing:${invoiceId}:attempt:1`,
      amount: 5000,
      currency: 'JPY',
      status: 'pending',
    });
    expect(await status()).toBe('paying');
    expect(
      await claimInvoice(database, { invoiceId, userId: 'alice', paymentMethodId: 'pm_card_visa' }),
    ).toEqual({
      kind: 'refused',
      status: 'paying',
    });
  });

  it('resumes an attempt whose outcome is unknown for the same payer and card only', async () => {
    const attempt = await claim();
    await record(attempt, { kind: 'unknown', intentId: undefined, message: 'timeout' });
    expect(
      (await claimInvoice(database, { invoiceId, userId: 'alice', paymentMethodId: 'pm_card_mastercard' }))
        .kind,
    ).toBe('refused');
    expect(
      await claimInvoice(database, { invoiceId, userId: 'alice', paymentMethodId: 'pm_card_visa' }),
    ).toMatchObject({
      kind: 'claimed',
      resumed: true,
      attempt: { id: attempt.id, idempotencyKey: attempt.idempotencyKey },
    });
  });

  it('builds the same PaymentIntent request for the same attempt, in minor units, redirects off', async () => {
    const attempt = await claim();
    expect(intentParams(attempt)).toEqual(intentParams({ ...attempt }));
    expect(intentParams(attempt)).toMatchObject({
      amount: 5000,
      currency: 'jpy',
      confirm: true,
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
      metadata: { invoiceId, attemptId: attempt.id },
      expand: ['latest_charge'],
    });
  });
});

describe('recording an outcome (phase 3, webhook, recovery)', () => {
  it('marks the invoice paid once; a repeat changes nothing and emits nothing', async () => {
    const attempt = await claim();
    const first = await record(attempt, succeeded);
    expect(first).toMatchObject({ changed: true, paid: { intentId: 'pi_1' } });
    expect(first.invoice).toMatchObject({
      status: 'paid',
      receiptUrl: 'https://r.test/1',
      paymentIntentId: 'pi_1',
    });
    const again = await record(attempt, succeeded);
    expect(again.changed).toBe(false);
    expect(again.paid).toBeUndefined();
  });

  it('never lets a late "no answer" hide a real answer', async () => {
    const attempt = await claim();
    await record(attempt, succeeded);
    await record(attempt, { kind: 'unknown', intentId: undefined, message: 'timeout' });
    const [row] = await database.db.select().from(paymentAttempts).where(eq(paymentAttempts.id, attempt.id));
    expect(row?.status).toBe('succeeded');
    expect(await status()).toBe('paid');
  });

  it('reopens on a decline, and fails the invoice after the last allowed decline', async () => {
    for (let n = 1; n <= MAX_DECLINED_ATTEMPTS; n++) {
      await record(await claim(), declined);
      expect(await status()).toBe(n < MAX_DECLINED_ATTEMPTS ? 'open' : 'failed');
    }
    expect((await invoiceById(database.db, invoiceId))?.lastError).toBe('Declined.');
  });

  it('does not let an older attempt reopen an invoice a newer attempt holds', async () => {
    const first = await claim();
    await record(first, declined);
    const second = await claim();
    expect((await record(first, declined)).changed).toBe(false);
    expect(await status()).toBe('paying');
    await record(second, succeeded);
    expect(await status()).toBe('paid');
  });

  it('keeps the invoice paying while 3-D Secure or processing is pending', async () => {
    const attempt = await claim();
    await record(attempt, {
      kind: 'requires_action',
      intentId: 'pi_3',
      clientSecret: 'pi_3_secret_x',
      nextActionUrl: undefined,
    });
    expect(await status()).toBe('paying');
    await record(attempt, { kind: 'processing', intentId: 'pi_3' });
    expect(await status()).toBe('paying');
  });
});

describe('the deferred unit of work', () => {
  it('opens no transaction until used, commits what was written, rolls back on a throw', async () => {
    let begun = 0;
    const counting = {
      ...database.driver,
      transaction: ((work) => {
        begun++;
        return database.driver.transaction(work);
      }) as typeof database.driver.transaction,
    };
    const uow = new DeferredUnitOfWork(counting, database.orm);
    expect(await uow.run(async () => 42)).toBe(42);
    expect(begun).toBe(0);

    await uow.run(async (tx) => {
      // Phase 1 commits in its own transaction before ctx.tx begins (on PGlite: no deadlock).
      await database.driver.transaction((own) =>
        own.query('UPDATE invoices SET description = $1 WHERE id = $2', ['claimed', invoiceId]),
      );
      await (await tx.open())
        .update(invoices)
        .set({ description: 'recorded' })
        .where(eq(invoices.id, invoiceId));
    });
    expect(begun).toBe(1);
    expect((await invoiceById(database.db, invoiceId))?.description).toBe('recorded');

    await expect(
      uow.run(async (tx) => {
        await tx.query('UPDATE invoices SET description = $1 WHERE id = $2', ['lost', invoiceId]);
        throw new Error('handler failed');
      }),
    ).rejects.toThrow('handler failed');
    expect((await invoiceById(database.db, invoiceId))?.description).toBe('recorded');
  });
});

describe('the deferred unit of work after it ended', () => {
  it('refuses to begin for a handler still running after its timeout (no transaction left open)', async () => {
    const uow = new DeferredUnitOfWork(database.driver, database.orm);
    const late: DeferredTransaction[] = [];
    await expect(
      uow.run(async (tx) => {
        late.push(tx);
        throw new Error('handler timed out');
      }),
    ).rejects.toThrow('handler timed out');
    await uow.run(async (tx) => {
      late.push(tx);
    });
    for (const tx of late) await expect(tx.open()).rejects.toThrow('This transaction has ended');
    // A transaction begun late and never ended would hold PGlite's one connection: this would wait.
    expect(await status()).toBe('open');
  });
});

describe("reading Stripe's answers", () => {
  const intent = (fields: Partial<Stripe.PaymentIntent>) =>
    ({ id: 'pi_9', client_secret: 'pi_9_secret', ...fields }) as Stripe.PaymentIntent;

  it('gives every PaymentIntent status its own outcome', () => {
    const charge = { receipt_url: 'https://r.test/9' } as Stripe.Charge;
    expect(outcomeOfIntent(intent({ status: 'succeeded', latest_charge: charge }))).toEqual({
      kind: 'succeeded',
      intentId: 'pi_9',
      receiptUrl: 'https://r.test/9',
    });
    expect(
      outcomeOfIntent(
        intent({
          status: 'requires_action',
          next_action: {
            type: 'redirect_to_url',
            redirect_to_url: { url: 'https://bank.test', return_url: null },
          },
        }),
      ),
    ).toEqual({
      kind: 'requires_action',
      intentId: 'pi_9',
      clientSecret: 'pi_9_secret',
      nextActionUrl: 'https://bank.test',
    });
    expect(outcomeOfIntent(intent({ status: 'processing' })).kind).toBe('processing');
    expect(
      outcomeOfIntent(intent({ status: 'requires_payment_method', last_payment_error: null })).kind,
    ).toBe('declined');
    expect(outcomeOfIntent(intent({ status: 'canceled' })).kind).toBe('canceled');
    expect(outcomeOfIntent(intent({ status: 'requires_capture' })).kind).toBe('unknown');
  });

  it('reads a card error as declined, a lost connection as unknown, and hides configuration errors', () => {
    const card = new Stripe.errors.StripeCardError({
      type: 'card_error',
      message: 'Your card was declined.',
      code: 'card_declined',
      decline_code: 'insufficient_funds',
    });
    expect(outcomeOfError(card)).toMatchObject({
      kind: 'declined',
      declineCode: 'insufficient_funds',
      message: 'Your card was declined.',
    });
    expect(outcomeOfError(new Stripe.errors.StripeConnectionError({ message: 'socket hang up' })).kind).toBe(
      'unknown',
    );
    expect(outcomeOfError(new Stripe.errors.StripeAPIError({ message: 'boom' }))).toEqual({
      kind: 'unknown',
      intentId: undefined,
      message: 'boom',
    });
    // A 500 Stripe kept as the key's answer: recovery must look the intent up rather than ask again.
    expect(
      outcomeOfError(
        new Stripe.errors.StripeAPIError({ message: 'boom', headers: { 'stripe-should-retry': 'false' } }),
      ),
    ).toMatchObject({ kind: 'unknown', keyAnswered: true });
    expect(
      outcomeOfError(new Stripe.errors.StripeAuthenticationError({ message: 'Invalid API Key sk_live_x' })),
    ).toEqual({
      kind: 'rejected',
      code: 'provider_configuration',
      message: 'The payment provider refused our request.',
    });
    expect(
      outcomeOfError(
        new Stripe.errors.StripeInvalidRequestError({
          message: 'Amount too small',
          code: 'amount_too_small',
        }),
      ),
    ).toMatchObject({ kind: 'rejected', code: 'amount_too_small' });
  });
});
