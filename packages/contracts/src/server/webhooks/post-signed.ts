import { standardSignature } from './standard-lib.js';

/** The outcome of one signed POST. */
export type AttemptResult =
  | { readonly ok: true; readonly status: number }
  | { readonly ok: false; readonly status?: number; readonly error?: string; readonly unsignable?: true };

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * POSTs `body` once, signed with Standard Webhooks headers for `at`. Only a 2xx succeeds;
 * redirects are not followed (a 3xx fails); the answer's body is discarded unread.
 */
export async function postSigned(
  post: typeof fetch,
  target: { readonly url: string; readonly secret: string },
  delivery: { readonly id: string; readonly body: string; readonly at: Date },
  timeoutMs: number,
): Promise<AttemptResult> {
  let signature: string;
  try {
    signature = await standardSignature(target.secret, delivery.id, delivery.at, delivery.body);
  } catch (error) {
    return { ok: false, error: message(error), unsignable: true };
  }
  try {
    const response = await post(target.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': delivery.id,
        'webhook-timestamp': String(Math.floor(delivery.at.getTime() / 1000)),
        'webhook-signature': signature,
      },
      body: delivery.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel().catch(() => undefined);
    const status = response.status;
    return status >= 200 && status < 300 ? { ok: true, status } : { ok: false, status };
  } catch (error) {
    return { ok: false, error: message(error) };
  }
}

/** `status` and `error` of an attempt, for its report. */
export function attemptFields(result: AttemptResult): { status?: number; error?: string } {
  const fields: { status?: number; error?: string } = {};
  if (result.status !== undefined) fields.status = result.status;
  if (!result.ok && result.error !== undefined) fields.error = result.error;
  return fields;
}
