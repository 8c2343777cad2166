import type { AnyOperationSpec } from '../spec/operation.js';
import { errorFromAnswer, networkError, type ReadAnswer, readAnswer, wireError } from './answer.js';
import type { ContractClientError } from './error.js';
import { newIdempotencyKey } from './idempotency-key.js';
import { type AttemptOutcome, delayBeforeRetry, type RetryPolicy, retryPolicy, sleep } from './retry.js';
import type { CallOptions, CallSuccess, FetchFn, HeadersSource } from './types.js';

/** What every call of one client shares. */
export interface CallSettings {
  /** `{baseUrl}{basePath}`, without a trailing slash. */
  readonly root: string;
  readonly headers: HeadersSource | undefined;
  readonly fetch: FetchFn;
  readonly retry: RetryPolicy;
}

/** A call's outcome before it is typed by its spec. */
export type RawCallResult =
  | CallSuccess<unknown>
  | { readonly ok: false; readonly error: ContractClientError };

async function requestHeaders(
  settings: CallSettings,
  options: CallOptions,
  idempotencyKey: string | undefined,
): Promise<Record<string, string>> {
  const shared = typeof settings.headers === 'function' ? await settings.headers() : settings.headers;
  const headers: Record<string, string> = {};
  for (const source of [shared, options.headers]) {
    if (source !== undefined)
      for (const [name, value] of Object.entries(source)) headers[name.toLowerCase()] = value;
  }
  headers['content-type'] = 'application/json';
  headers.accept = 'application/json';
  if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
  return headers;
}

function outcomeOf(answer: ReadAnswer): AttemptOutcome {
  const code = answer.json.ok ? wireError(answer.json.value)?.code : undefined;
  return { kind: 'answer', status: answer.status, code, retryAfter: answer.headers.get('retry-after') };
}

/**
 * Calls one operation over REST: `POST {root}/{name}/v{version}` with the input as JSON, the
 * version pinned to the spec's (the types come from it). Commands carry an idempotency key, the
 * same on every retry, so a retried command runs at most once.
 */
export async function callOperation(
  settings: CallSettings,
  spec: AnyOperationSpec,
  input: unknown,
  options: CallOptions = {},
): Promise<RawCallResult> {
  const url = `${settings.root}/${spec.meta.name}/v${spec.meta.version}`;
  const idempotencyKey =
    spec.kind === 'command' ? (options.idempotencyKey ?? newIdempotencyKey()) : undefined;
  const policy = options.retry === undefined ? settings.retry : retryPolicy(options.retry);
  const body = JSON.stringify(input ?? {});
  const signal = options.signal;
  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    const headers = await requestHeaders(settings, options, idempotencyKey);
    let answer: ReadAnswer;
    try {
      answer = await readAnswer(
        await settings.fetch(url, {
          method: 'POST',
          headers,
          body,
          ...(signal === undefined ? {} : { signal }),
        }),
      );
    } catch (cause) {
      if (signal?.aborted) throw signal.reason;
      const wait = delayBeforeRetry(policy, attempt - 1, { kind: 'network' });
      if (wait === undefined) return { ok: false, error: networkError(cause, attempt) };
      await sleep(wait, signal);
      continue;
    }
    if (answer.status >= 200 && answer.status < 300 && answer.json.ok) {
      return {
        ok: true,
        output: answer.json.value,
        replayed: answer.headers.get('idempotent-replayed') === 'true',
        requestId: answer.headers.get('x-request-id') ?? undefined,
        status: answer.status,
        headers: answer.headers,
        attempts: attempt,
      };
    }
    const wait = delayBeforeRetry(policy, attempt - 1, outcomeOf(answer));
    if (wait === undefined) return { ok: false, error: errorFromAnswer(answer, attempt) };
    await sleep(wait, signal);
  }
}
