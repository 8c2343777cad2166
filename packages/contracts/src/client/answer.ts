import { ERROR_TABLE, type FrameworkErrorCode, isFrameworkCode } from '../runtime/errors.js';
import { ContractClientError } from './error.js';

/** One answer, read: the parsed JSON body when there is one. */
export interface ReadAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly json: { readonly ok: true; readonly value: unknown } | { readonly ok: false };
}

/** Reads a response body as JSON when it says it is JSON. */
export async function readAnswer(response: Response): Promise<ReadAnswer> {
  const type = response.headers.get('content-type') ?? '';
  const text = await response.text();
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type))
    return { status: response.status, headers: response.headers, json: { ok: false } };
  try {
    return {
      status: response.status,
      headers: response.headers,
      json: { ok: true, value: JSON.parse(text) },
    };
  } catch {
    return { status: response.status, headers: response.headers, json: { ok: false } };
  }
}

interface WireError {
  readonly code: string;
  readonly message?: unknown;
  readonly issues?: unknown;
  readonly data?: unknown;
  readonly requestId?: unknown;
}

/** The `error` member of our error body, or undefined when the body is something else. */
export function wireError(body: unknown): WireError | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const error = (body as { error: unknown }).error;
  if (typeof error !== 'object' || error === null) return undefined;
  return typeof (error as { code?: unknown }).code === 'string' ? (error as WireError) : undefined;
}

/**
 * The framework code for an answer that is not our error body (a proxy's HTML page, say): the code
 * `ERROR_TABLE` maps to that status, else UNAVAILABLE for 5xx and INTERNAL for the rest.
 */
export function codeForStatus(status: number): FrameworkErrorCode {
  for (const code of Object.keys(ERROR_TABLE)) {
    if (isFrameworkCode(code) && ERROR_TABLE[code].http === status) return code;
  }
  return status >= 500 ? 'UNAVAILABLE' : 'INTERNAL';
}

/** The client error of an error answer. */
export function errorFromAnswer(answer: ReadAnswer, attempts: number): ContractClientError {
  const replayed = answer.headers.get('idempotent-replayed') === 'true';
  const retryAfter = Number(answer.headers.get('retry-after'));
  const common = {
    status: answer.status,
    headers: answer.headers,
    replayed,
    attempts,
    ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
  };
  const wire = answer.json.ok ? wireError(answer.json.value) : undefined;
  if (wire === undefined) {
    const requestId = answer.headers.get('x-request-id') ?? undefined;
    const what = answer.status < 400 ? 'an answer it could not read' : `HTTP ${answer.status}`;
    return new ContractClientError(codeForStatus(answer.status), `The server sent ${what}`, {
      ...common,
      origin: 'transport',
      ...(requestId === undefined ? {} : { requestId }),
    });
  }
  return new ContractClientError(wire.code, typeof wire.message === 'string' ? wire.message : undefined, {
    ...common,
    ...(Array.isArray(wire.issues) ? { issues: wire.issues } : {}),
    ...(wire.data === undefined ? {} : { data: wire.data }),
    ...(typeof wire.requestId === 'string' ? { requestId: wire.requestId } : {}),
  });
}

/** The client error of a call that got no answer (the network failed on every attempt). */
export function networkError(cause: unknown, attempts: number): ContractClientError {
  return new ContractClientError('UNAVAILABLE', 'The server could not be reached', {
    status: 0,
    origin: 'transport',
    cause,
    attempts,
  });
}
