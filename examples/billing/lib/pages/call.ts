// How server components read while they render (and the 3-D Secure action looks up its invoice):
// `execute` on the same registry, in this process, with the signed-in user's context. Same
// validation, policy and audit as the API without an HTTP round trip to ourselves; the audit trail
// records these calls as `internal`. Forms send their commands from the browser through the typed
// client instead (lib/client/billing-api.ts).
import { type ContractError, execute } from '@lssm/lib.contracts';
import { contextOf } from '@/lib/auth';
import { registry } from '@/lib/registry';
import { pageSession } from './session.js';

/** What a page gets back: the output, or the error as it would travel (code, message, data). */
export type CallResult<T> =
  | { readonly ok: true; readonly output: T }
  | { readonly ok: false; readonly error: ReturnType<ContractError['toJSON']> };

/**
 * Runs an operation as the signed-in user. `T` names the output shape the page reads; the
 * pipeline already checked the output against the operation's model.
 */
export async function callOperation<T>(
  name: string,
  input: unknown,
  options: { readonly idempotencyKey?: string } = {},
): Promise<CallResult<T>> {
  const session = await pageSession();
  const result = await execute(registry, {
    name,
    input,
    transport: 'internal',
    context: contextOf(session),
    ...(options.idempotencyKey === undefined ? {} : { idempotencyKey: options.idempotencyKey }),
  });
  // The encoded output of `name`, whose shape the caller names as T (checked by the pipeline).
  return result.ok ? { ok: true, output: result.output as T } : { ok: false, error: result.error.toJSON() };
}
