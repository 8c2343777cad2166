import { INVALID_JSON, VALID_JSON } from '../validation/fixtures.js';

/** Where every peer except oRPC serves the operation (our REST adapter's default route). */
export const OP_PATH = '/api/ops/billing.capturePayment';

/** oRPC's RPC protocol route for `router.billing.capturePayment` under the `/rpc` prefix. */
export const ORPC_PATH = '/rpc/billing/capturePayment';

/** The header every measured request carries; every peer checks it the same way. */
export const AUTHORIZATION = 'Bearer alice';

/** The body the handler answers with for {@link VALID_JSON}. */
export const EXPECTED_OUTPUT = { transactionId: 'pi_inv_2024_0001', status: 'succeeded' } as const;

export { INVALID_JSON, VALID_JSON };

/**
 * The user named by an `Authorization: Bearer <token>` header (the token is the user id: the
 * benchmark measures the HTTP layer, not token verification), or undefined without one.
 */
export function bearerUser(header: string | undefined): string | undefined {
  if (header === undefined || !header.startsWith('Bearer ')) return undefined;
  const token = header.slice(7).trim();
  return token === '' ? undefined : token;
}

/** The handler's work, the same in every peer. */
export function capture(input: { readonly invoiceId: string }): { transactionId: string; status: string } {
  return { transactionId: `pi_${input.invoiceId}`, status: 'succeeded' };
}
