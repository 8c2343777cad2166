import {
  type BaseContext,
  type Clock,
  ContractError,
  DEFAULT_BODY_LIMIT,
  type EventInbox,
  type ExecuteRequest,
  execute,
  fromFetchRequest,
  type InboxClaim,
  isFrameworkCode,
  MemoryEventInbox,
  type SpecRegistry,
} from '../../index.js';
import { accept, type Delivered, type DeliveryFacts, refuse } from './responses.js';
import type {
  VerifiedWebhook,
  WebhookContextFactory,
  WebhookHandlerOptions,
  WebhookRoute,
  WebhookVerifier,
} from './types.js';

/** Event ids double as idempotency keys: 1-255 visible ASCII characters. */
const EVENT_ID = /^[\x21-\x7e]{1,255}$/;
const DEFAULT_RETAIN_SECONDS = 7 * 24 * 60 * 60;

/**
 * The context webhook-invoked operations run with by default: the `system` actor, the `system`
 * role (so `policy: { auth: 'system' }` admits it) and a user id naming the sender, for the audit trail.
 * @example systemContext('stripe') // { actor: 'system', userId: 'webhook:stripe', roles: ['system'] }
 */
export function systemContext(source: string): BaseContext {
  return { actor: 'system', userId: `webhook:${source}`, roles: ['system'] };
}

/** The handler's options with every default filled in. */
interface Settings<E> {
  readonly verifier: WebhookVerifier<E>;
  readonly routes: Readonly<Record<string, WebhookRoute<E> | undefined>>;
  readonly inbox: EventInbox;
  readonly clock: Clock;
  readonly toleranceSeconds: number;
  readonly bodyLimit: number;
  readonly leaseSeconds: number;
  readonly retainSeconds: number;
  readonly context: WebhookContextFactory<E>;
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number`);
  return value;
}

function transportError(
  code: 'METHOD_NOT_ALLOWED' | 'PAYLOAD_TOO_LARGE' | 'INVALID_INPUT',
  message?: string,
) {
  return new ContractError(code, message, { origin: 'transport' });
}

/**
 * A Fetch handler (`Request` -> `Response`) for one sender's webhooks: it verifies the signature
 * and a two-sided timestamp window, de-duplicates on the event id, and runs the operation routed
 * for the event type through the pipeline as the system actor (`transport: 'webhook'`, the event id
 * as idempotency key). Export it as a Next.js route's `POST`; see `toNodeListener` for node:http.
 * @example export const POST = makeWebhookHandler(registry, { verifier: stripeVerifier({ secret }), routes: { 'payment_intent.succeeded': { op: 'billing.completePayment', input: (e) => ({ paymentIntentId: e.data.object.id }) } } });
 */
export function makeWebhookHandler<E extends { readonly type: string }>(
  registry: SpecRegistry,
  options: WebhookHandlerOptions<E>,
): (request: Request) => Promise<Response> {
  const clock = options.clock ?? registry.runtime.clock;
  const handlerSeconds = Math.ceil(registry.runtime.handlerTimeoutMs / 1000);
  const settings: Settings<E> = {
    verifier: options.verifier,
    // Keyed by event type: the route found for an event's type is the one declared for that type.
    routes: options.routes as Readonly<Record<string, WebhookRoute<E> | undefined>>,
    inbox: options.inbox ?? new MemoryEventInbox(clock),
    clock,
    toleranceSeconds: positive('toleranceSeconds', options.toleranceSeconds, 300),
    bodyLimit: positive('bodyLimit', options.bodyLimit, DEFAULT_BODY_LIMIT),
    leaseSeconds: positive('leaseSeconds', options.leaseSeconds, handlerSeconds + 60),
    retainSeconds: positive('retainSeconds', options.retainSeconds, DEFAULT_RETAIN_SECONDS),
    context: options.context ?? ((webhook: VerifiedWebhook<E>) => systemContext(webhook.source)),
  };
  return async (request) => {
    const facts: DeliveryFacts = { source: settings.verifier.source, requestId: crypto.randomUUID() };
    let delivered: Delivered;
    try {
      const verified = await verify(settings, request, facts);
      delivered = 'response' in verified ? verified : await run(registry, settings, verified, facts);
    } catch (cause) {
      const error = new ContractError('INTERNAL', undefined, { origin: 'transport', cause });
      delivered = refuse(error, facts, 'failed');
    }
    try {
      options.onOutcome?.(delivered.outcome);
    } catch {}
    return delivered.response;
  };
}

/** Method, body and signature: a rejection here has no effect at all (no claim, no operation). */
async function verify<E>(
  s: Settings<E>,
  request: Request,
  facts: DeliveryFacts,
): Promise<Delivered | VerifiedWebhook<E>> {
  if (request.method !== 'POST')
    return refuse(transportError('METHOD_NOT_ALLOWED', 'Use POST'), facts, 'rejected', { allow: 'POST' });
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > s.bodyLimit)
    return refuse(transportError('PAYLOAD_TOO_LARGE'), facts, 'rejected');
  const body = await fromFetchRequest(request).readBody(s.bodyLimit);
  if (body.kind === 'too-large') return refuse(transportError('PAYLOAD_TOO_LARGE'), facts, 'rejected');
  if (body.kind === 'unreadable')
    return refuse(transportError('INVALID_INPUT', 'The body could not be read as UTF-8'), facts, 'rejected');
  try {
    const now = s.clock.now();
    return await s.verifier.verify({
      body: body.text,
      headers: request.headers,
      now,
      toleranceSeconds: s.toleranceSeconds,
    });
  } catch (thrown) {
    if (ContractError.is(thrown)) return refuse(thrown, facts, 'rejected');
    throw thrown;
  }
}

/** Route, claim, run the operation, then keep the claim (acknowledged) or release it (retried). */
async function run<E>(
  registry: SpecRegistry,
  s: Settings<E>,
  webhook: VerifiedWebhook<E>,
  facts: DeliveryFacts,
): Promise<Delivered> {
  const event: DeliveryFacts = { ...facts, eventId: webhook.id, eventType: webhook.type };
  if (!EVENT_ID.test(webhook.id))
    return refuse(
      transportError('INVALID_INPUT', 'The event id must be 1-255 visible ASCII characters'),
      event,
      'rejected',
    );
  const route = Object.hasOwn(s.routes, webhook.type) ? s.routes[webhook.type] : undefined;
  if (route === undefined) return accept('ignored', event);
  const spec = typeof route.op === 'string' ? undefined : route.op;
  const name = spec === undefined ? String(route.op) : spec.meta.name;
  const routed: DeliveryFacts = { ...event, operation: name };

  let claim: InboxClaim;
  try {
    claim = await s.inbox.claim(webhook.source, webhook.id, s.leaseSeconds);
  } catch (cause) {
    return refuse(
      new ContractError('UNAVAILABLE', undefined, { origin: 'transport', cause }),
      routed,
      'failed',
    );
  }
  if (claim === 'done') return accept('duplicate', routed);
  if (claim === 'in-flight') {
    const busy = new ContractError('CONFLICT', 'This event is being processed; retry later', {
      origin: 'transport',
      retryAfterSeconds: 5,
    });
    return refuse(busy, routed, 'in-progress');
  }
  const release = () => s.inbox.release(webhook.source, webhook.id).catch(() => undefined);

  const call: { -readonly [K in keyof ExecuteRequest]: ExecuteRequest[K] } = {
    name,
    input: undefined,
    transport: 'webhook',
    context: () => s.context(webhook),
    requestId: facts.requestId,
    idempotencyKey: webhook.id,
  };
  const version = route.version ?? spec?.meta.version;
  if (version !== undefined) call.version = version;
  try {
    call.input = route.input(webhook.event, webhook);
  } catch (cause) {
    await release();
    return refuse(new ContractError('INTERNAL', undefined, { origin: 'transport', cause }), routed, 'failed');
  }
  const result = await execute(registry, call);
  if (result.ok || !isFrameworkCode(result.error.code)) {
    // If this write is lost, a redelivery replays the operation's idempotent answer instead.
    await s.inbox.complete(webhook.source, webhook.id, s.retainSeconds).catch(() => undefined);
    return result.ok ? accept('processed', routed) : accept('declined', routed, result.error.code);
  }
  await release();
  return refuse(result.error, routed, 'failed');
}
