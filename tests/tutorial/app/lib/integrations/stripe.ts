// The tutorial's payment gateway, written by us: the official `stripe` SDK talking to our Stripe
// emulator on loopback (nothing reaches the real Stripe). The tutorial's handler reads
// `paymentIntent.charges.data[0].receipt_url` and confirms without a `return_url`, which is how
// Stripe's API worked before 2022-11-15 (`charges` removed) and 2023-08-16 (`return_url` needed):
// so this client pins API version 2022-08-01, and the emulator answers in that version's shape.
import { startStripeEmulator } from '@lssm/stripe-emulator';
import Stripe from 'stripe';

/** The API version the tutorial's code was written against. */
export const TUTORIAL_API_VERSION = '2022-08-01';

/** The emulator serving this client (tests read what it saw). */
export const emulator = await startStripeEmulator();

/**
 * A PaymentIntent as API version 2022-08-01 returns it: with its charges embedded. (`receipt_url`
 * is typed as a string: every charge the emulator makes has one, which the tutorial relies on.)
 */
export type LegacyPaymentIntent = Stripe.PaymentIntent & {
  readonly charges: { readonly data: readonly (Stripe.Charge & { readonly receipt_url: string })[] };
};

/** The part of the SDK the tutorial uses, typed for the pinned version. */
export interface TutorialStripe {
  readonly paymentIntents: {
    create(params: Stripe.PaymentIntentCreateParams): Promise<LegacyPaymentIntent>;
  };
}

// The SDK's types describe its own (current) API version only; with the version pinned above, the
// answers carry `charges`, which the types no longer declare: hence the one cast.
export const stripe = new Stripe(
  emulator.secretKey,
  emulator.sdkOptions({ apiVersion: TUTORIAL_API_VERSION }) as Stripe.StripeConfig,
) as unknown as TutorialStripe;
