import type { PaymentMethodObject } from './objects.js';

/** What confirming with a test card does. */
export type CardBehaviour =
  | { kind: 'succeed' }
  | { kind: 'authenticate' }
  | { kind: 'decline'; code: string; declineCode: string; message: string };

/** A test card PaymentMethod: its card details and behaviour. */
export interface TestCard {
  brand: string;
  last4: string;
  funding: 'credit' | 'debit';
  behaviour: CardBehaviour;
}

const succeed: CardBehaviour = { kind: 'succeed' };
const declined = (code: string, declineCode: string, message: string): CardBehaviour => ({
  kind: 'decline',
  code,
  declineCode,
  message,
});
const DECLINED = 'Your card was declined.';

/** The `pm_card_*` test PaymentMethods the emulator knows (Stripe's test ids and last4 digits). */
export const TEST_CARDS: Readonly<Record<string, TestCard>> = {
  pm_card_visa: { brand: 'visa', last4: '4242', funding: 'credit', behaviour: succeed },
  pm_card_visa_debit: { brand: 'visa', last4: '5556', funding: 'debit', behaviour: succeed },
  pm_card_mastercard: { brand: 'mastercard', last4: '4444', funding: 'credit', behaviour: succeed },
  pm_card_amex: { brand: 'amex', last4: '8431', funding: 'credit', behaviour: succeed },
  pm_card_chargeDeclined: {
    brand: 'visa',
    last4: '0002',
    funding: 'credit',
    behaviour: declined('card_declined', 'generic_decline', DECLINED),
  },
  pm_card_chargeDeclinedInsufficientFunds: {
    brand: 'visa',
    last4: '9995',
    funding: 'credit',
    behaviour: declined('card_declined', 'insufficient_funds', 'Your card has insufficient funds.'),
  },
  pm_card_chargeDeclinedLostCard: {
    brand: 'visa',
    last4: '9987',
    funding: 'credit',
    behaviour: declined('card_declined', 'lost_card', DECLINED),
  },
  pm_card_chargeDeclinedStolenCard: {
    brand: 'visa',
    last4: '9979',
    funding: 'credit',
    behaviour: declined('card_declined', 'stolen_card', DECLINED),
  },
  pm_card_chargeDeclinedFraudulent: {
    brand: 'visa',
    last4: '0019',
    funding: 'credit',
    behaviour: declined('card_declined', 'fraudulent', DECLINED),
  },
  pm_card_chargeDeclinedExpiredCard: {
    brand: 'visa',
    last4: '0069',
    funding: 'credit',
    behaviour: declined('expired_card', 'expired_card', 'Your card has expired.'),
  },
  pm_card_chargeDeclinedIncorrectCvc: {
    brand: 'visa',
    last4: '0127',
    funding: 'credit',
    behaviour: declined('incorrect_cvc', 'incorrect_cvc', "Your card's security code is incorrect."),
  },
  pm_card_chargeDeclinedProcessingError: {
    brand: 'visa',
    last4: '0119',
    funding: 'credit',
    behaviour: declined(
      'processing_error',
      'processing_error',
      'An error occurred while processing your card. Try again in a little bit.',
    ),
  },
  pm_card_authenticationRequired: {
    brand: 'visa',
    last4: '3184',
    funding: 'credit',
    behaviour: { kind: 'authenticate' },
  },
  pm_card_threeDSecure2Required: {
    brand: 'visa',
    last4: '3220',
    funding: 'credit',
    behaviour: { kind: 'authenticate' },
  },
};

/** The test card behind a PaymentMethod id, if it is one of {@link TEST_CARDS}. */
export function testCard(id: string): TestCard | undefined {
  return Object.hasOwn(TEST_CARDS, id) ? TEST_CARDS[id] : undefined;
}

/** The PaymentMethod object for a test card (as embedded in card errors). */
export function paymentMethodObject(id: string, card: TestCard, created: number): PaymentMethodObject {
  return {
    id,
    object: 'payment_method',
    type: 'card',
    card: {
      brand: card.brand,
      last4: card.last4,
      exp_month: 12,
      exp_year: 2034,
      country: 'US',
      funding: card.funding,
    },
    billing_details: { address: null, email: null, name: null, phone: null },
    created,
    customer: null,
    livemode: false,
    metadata: {},
  };
}
