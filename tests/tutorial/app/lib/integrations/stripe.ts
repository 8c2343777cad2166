// A stand-in payment gateway for the tutorial fixture (written by us). The tutorial's handler was
// written against an older Stripe API shape (`paymentIntent.charges.data[0].receipt_url`); this
// module offers exactly that shape. The billing example uses the official SDK instead.
export interface PaymentIntentParams {
  amount: number;
  currency: string;
  payment_method: string;
  confirm: boolean;
  metadata: Record<string, string>;
}

export interface PaymentIntent {
  id: string;
  status: 'succeeded' | 'requires_payment_method';
  amount: number;
  currency: string;
  charges: { data: { id: string; receipt_url: string }[] };
}

let next = 1;
export const created: PaymentIntentParams[] = [];

export const stripe = {
  paymentIntents: {
    async create(params: PaymentIntentParams): Promise<PaymentIntent> {
      if (!Number.isSafeInteger(params.amount) || params.amount <= 0)
        throw new Error('amount must be a positive integer');
      created.push(params);
      const id = `pi_test_${next++}`;
      const declined = params.payment_method === 'pm_card_chargeDeclined';
      return {
        id,
        status: declined ? 'requires_payment_method' : 'succeeded',
        amount: params.amount,
        currency: params.currency,
        charges: {
          data: declined ? [] : [{ id: `ch_${id}`, receipt_url: `https://pay.example.test/receipts/${id}` }],
        },
      };
    },
  },
};
