// Calls into the app under test as its clients make them: REST operations as real Requests with
// bearer tokens, a traced clean capture, the client's retry, and the recovery job.
import { randomUUID } from 'node:crypto';
import { POST as restRoute } from '../../../examples/billing/app/api/ops/[...route]/route.js';
import { signToken } from '../../../examples/billing/lib/auth/tokens.js';
import { recoverOnce } from '../../../examples/billing/lib/jobs/recovery-job.js';
import { SESSION_SECRET } from './app.js';
import { faults } from './seams.js';

/** An answer of the REST route. */
export interface Answer {
  readonly status: number;
  readonly text: string;
  readonly body: { readonly error?: { readonly code: string; readonly message: string } } & Record<
    string,
    unknown
  >;
}

const tokens = new Map<string, string>();

/** Calls an operation through the app's REST route handler with a real Request, as `user`. */
export async function rest(
  name: string,
  input: unknown,
  options: { readonly as: string; readonly idempotencyKey?: string },
): Promise<Answer> {
  let token = tokens.get(options.as);
  if (token === undefined) {
    token = await signToken(new TextEncoder().encode(SESSION_SECRET), options.as, 'api');
    tokens.set(options.as, token);
  }
  const response = await restRoute(
    new Request(`http://127.0.0.1/api/ops/${name}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'idempotency-key': options.idempotencyKey ?? randomUUID(),
      },
      body: JSON.stringify(input),
    }),
  );
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as Answer['body'] };
}

/** Ada (acme's admin) bills alice; answers the invoice id. */
export async function createInvoice(amount = 4990): Promise<string> {
  const answer = await rest(
    'billing.createInvoice',
    { ownerId: 'alice', description: 'fault suite', amount: { amount, currency: 'USD' } },
    { as: 'ada' },
  );
  if (answer.status !== 200) throw new Error(`createInvoice answered ${answer.status}: ${answer.text}`);
  return String(answer.body.id);
}

/** Alice pays an invoice with `card`, under the client's `idempotencyKey`. */
export function capture(invoiceId: string, idempotencyKey: string, card = 'pm_card_visa'): Promise<Answer> {
  return rest(
    'billing.capturePayment',
    { invoiceId, paymentMethodId: card },
    { as: 'alice', idempotencyKey },
  );
}

/** The steps of one clean capture, in order (tried again if a loaded machine made it time out). */
export async function traceCapture(): Promise<readonly string[]> {
  for (let round = 1; ; round++) {
    const invoiceId = await createInvoice();
    faults.arm();
    const answer = await capture(invoiceId, randomUUID());
    const { steps } = faults.disarm();
    if (answer.status === 200) return steps;
    if (round === 3) throw new Error(`a clean capture failed 3 times: ${answer.status} ${answer.text}`);
  }
}

/** The 1-based step of a capture just after Stripe's answer to the PaymentIntent request arrived. */
export function stepAfterCharge(steps: readonly string[]): number {
  const answered = steps.findIndex((step) => step.startsWith('stripe POST /v1/payment_intents answered 200'));
  if (answered < 0) throw new Error(`no Stripe answer among the steps: ${steps.join(', ')}`);
  return answered + 2;
}

/**
 * The client's retry with the same key until it is no longer answered CONFLICT (a key still held
 * by a call that hung or whose process died is released when it ends, or taken over after the lock timeout).
 */
export async function retryCapture(
  invoiceId: string,
  idempotencyKey: string,
  card?: string,
): Promise<Answer> {
  for (let round = 0; ; round++) {
    const answer = await capture(invoiceId, idempotencyKey, card);
    if (answer.body.error?.code !== 'CONFLICT' || round >= 60) return answer;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The recovery job, once, for every unfinished attempt. */
export const runRecovery = () => recoverOnce(0);
