import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { isApiVersion } from './api-version.js';
import { badApiKey, errorPayload, invalidRequest, StripeApiError } from './errors.js';
import type { FaultSpec, FaultTable } from './faults.js';
import { canonicalForm, type FormObject, parseForm } from './form.js';
import { type Answer, apiKeyOf, errorAnswer, faultAnswer, header, json, readBody } from './http-wire.js';
import {
  type IdempotencyStore,
  inFlightError,
  keyTooLongError,
  MAX_KEY_LENGTH,
  mismatchError,
} from './idempotency.js';
import { newRequestId } from './ids.js';
import { servePage } from './pages.js';
import { routeApi } from './routes.js';
import type { EmulatorState, RequestContext } from './state.js';

/** One API request as the emulator received it, and how it was answered. */
export interface RecordedRequest {
  requestId: string;
  method: string;
  path: string;
  /** The `Idempotency-Key` header of a POST (the SDK sends one on every POST), else null. */
  idempotencyKey: string | null;
  /** The `Stripe-Version` header as sent, null without one. */
  stripeVersion: string | null;
  /** The decoded form body (POST) or query (GET). */
  params: FormObject;
  /** The HTTP status answered; null while running or when no answer was sent (fault). */
  status: number | null;
  /** Whether the answer was an idempotent replay. */
  replayed: boolean;
}

/** What the API listener needs. */
export interface ApiDeps {
  state: EmulatorState;
  idempotency: IdempotencyStore;
  faults: FaultTable;
  secretKey: string;
  defaultApiVersion: string;
  recorded: RecordedRequest[];
}

function run(state: EmulatorState, ctx: RequestContext): Answer {
  try {
    return json(200, routeApi(state, ctx), true);
  } catch (error) {
    if (error instanceof StripeApiError) return errorAnswer(error);
    return errorAnswer(
      new StripeApiError(500, { type: 'api_error', message: `Emulator failure: ${String(error)}` }),
    );
  }
}

async function answer(
  deps: ApiDeps,
  ctx: RequestContext,
  record: RecordedRequest,
  fault: FaultSpec | undefined,
): Promise<Answer> {
  const key = ctx.idempotencyKey;
  if (fault?.status !== undefined && fault.shouldRetry !== false) {
    await sleep(fault.delayMs ?? 0);
    return faultAnswer({ ...fault, status: fault.status });
  }
  if (key !== null && key.length > MAX_KEY_LENGTH) return errorAnswer(keyTooLongError());
  const claim =
    key === null
      ? undefined
      : deps.idempotency.claim(key, `${ctx.method} ${ctx.path} ${canonicalForm(ctx.params)}`);
  if (key !== null && claim?.kind === 'mismatch') return errorAnswer(mismatchError(key));
  if (key !== null && claim?.kind === 'in-flight') return errorAnswer(inFlightError(key));
  if (claim?.kind === 'replay') {
    record.replayed = true;
    const { body, status, headers, requestId } = claim.answer;
    return {
      status,
      body,
      saved: false,
      headers: { ...headers, 'idempotent-replayed': 'true', 'original-request': requestId },
    };
  }
  await sleep(fault?.delayMs ?? 0);
  const result =
    fault?.status !== undefined ? faultAnswer({ ...fault, status: fault.status }) : run(deps.state, ctx);
  if (claim?.kind === 'new') {
    claim.finish(
      result.saved
        ? { status: result.status, body: result.body, headers: result.headers, requestId: ctx.requestId }
        : undefined,
    );
  }
  return result;
}

async function handleApi(deps: ApiDeps, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const body = await readBody(req);
  const params = parseForm(method === 'POST' ? body : url.search.slice(1));
  const stripeVersion = header(req, 'stripe-version');
  const ctx: RequestContext = {
    method,
    path: url.pathname,
    params,
    apiVersion: stripeVersion ?? deps.defaultApiVersion,
    requestId: newRequestId(),
    idempotencyKey: method === 'POST' ? header(req, 'idempotency-key') : null,
  };
  const { requestId, idempotencyKey, path } = ctx;
  const record: RecordedRequest = {
    requestId,
    method,
    path,
    idempotencyKey,
    stripeVersion,
    params,
    status: null,
    replayed: false,
  };
  deps.recorded.push(record);
  const key = apiKeyOf(req);
  let fault: FaultSpec | undefined;
  let result: Answer;
  if (key !== deps.secretKey) result = errorAnswer(badApiKey(key));
  else if (!isApiVersion(ctx.apiVersion))
    result = errorAnswer(invalidRequest(`Invalid Stripe API version: ${ctx.apiVersion}`));
  else {
    fault = deps.faults.take(method, path);
    result = await answer(deps, ctx, record, fault);
  }
  if (fault?.afterProcessing === 'close') req.socket.destroy();
  if (fault?.afterProcessing !== undefined) return;
  record.status = result.status;
  res.writeHead(result.status, {
    'content-type': 'application/json',
    'cache-control': 'no-cache, no-store',
    'request-id': requestId,
    'stripe-version': ctx.apiVersion,
    ...(idempotencyKey === null ? {} : { 'idempotency-key': idempotencyKey }),
    ...result.headers,
  });
  res.end(result.body);
}

/**
 * The emulator's `node:http` listener: `/v1/*` is the API (auth, API version, faults,
 * idempotency, then the endpoint); receipts and the 3D Secure page are served beside it.
 */
export function createApiListener(deps: ApiDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const work = Promise.resolve().then(() => {
      const url = new URL(req.url ?? '/', 'http://emulator.invalid');
      if (url.pathname.startsWith('/v1/')) return handleApi(deps, req, res, url);
      if (servePage(deps.state, req, res, url.pathname)) return;
      res.writeHead(url.pathname === '/' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ emulator: 'stripe', api: '/v1', ok: url.pathname === '/' }));
    });
    work.catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const failure =
        error instanceof StripeApiError
          ? error
          : new StripeApiError(500, { type: 'api_error', message: 'Emulator failure.' });
      res.writeHead(failure.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(errorPayload(failure)));
    });
  };
}
