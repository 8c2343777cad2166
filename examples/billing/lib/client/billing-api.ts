// The typed client the pages' forms call from the browser: made from the specs alone (no handler,
// registry or database code reaches the bundle), same-origin REST calls that carry the session
// cookie, so the server sees the same caller, policy and audit trail as any API client.
import { createClient, type FetchFn } from '@lssm/lib.contracts/client';
import { CapturePayment } from '@/lib/specs/billing/capture-payment';
import { CreateInvoice } from '@/lib/specs/billing/create-invoice';
import { RefundPayment } from '@/lib/specs/billing/refund-payment';

/** The operations the pages send, in the shape of the client (`api.billing.capturePayment`). */
export const billingOperations = {
  billing: { capturePayment: CapturePayment, createInvoice: CreateInvoice, refundPayment: RefundPayment },
} as const;

/**
 * The pages' client: same-origin `/api/ops` by default. Tests pass an origin and a `fetch` that
 * hands requests to the app's route handler.
 */
export function billingClient(options: { readonly baseUrl?: string; readonly fetch?: FetchFn } = {}) {
  return createClient({ operations: billingOperations, ...options });
}

/** The client the browser uses. */
export const billingApi = billingClient();
