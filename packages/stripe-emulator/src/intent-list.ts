import { invalidRequest, resourceMissing } from './errors.js';
import type { FormObject } from './form.js';
import { renderIntent } from './intent-view.js';
import type { PaymentIntentObject } from './objects.js';
import { expandList, objectParam, rejectUnknown, stringParam } from './params.js';
import type { EmulatorState, RequestContext } from './state.js';

const LIST_PARAMS = new Set(['limit', 'starting_after', 'ending_before', 'customer', 'created', 'expand']);
const SEARCH_PARAMS = new Set(['query', 'limit', 'page', 'expand']);

function limitOf(params: FormObject): number {
  const raw = stringParam(params, 'limit');
  if (raw === undefined) return 10;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw invalidRequest(
      'This value must be greater than or equal to 1 and less than or equal to 100.',
      'limit',
    );
  }
  return limit;
}

function createdFilter(params: FormObject): (created: number) => boolean {
  if (params.created === undefined) return () => true;
  if (typeof params.created === 'string') {
    const exact = Number(params.created);
    return (created) => created === exact;
  }
  const range = objectParam(params, 'created') ?? {};
  const bound = (name: string): number | undefined => {
    const value = stringParam(range, name);
    return value === undefined ? undefined : Number(value);
  };
  const [gt, gte, lt, lte] = [bound('gt'), bound('gte'), bound('lt'), bound('lte')];
  return (c) =>
    (gt === undefined || c > gt) &&
    (gte === undefined || c >= gte) &&
    (lt === undefined || c < lt) &&
    (lte === undefined || c <= lte);
}

function newestFirst(state: EmulatorState): PaymentIntentObject[] {
  return [...state.intents.values()].map((record) => record.intent).reverse();
}

/** `GET /v1/payment_intents`: newest first, `limit`, `starting_after` / `ending_before` cursors, `customer` and `created` filters. */
export function listIntents(state: EmulatorState, ctx: RequestContext): object {
  const { params } = ctx;
  rejectUnknown(params, LIST_PARAMS);
  const limit = limitOf(params);
  const customer = stringParam(params, 'customer');
  const inRange = createdFilter(params);
  let all = newestFirst(state).filter(
    (pi) => (customer === undefined || pi.customer === customer) && inRange(pi.created),
  );
  const after = stringParam(params, 'starting_after');
  const before = stringParam(params, 'ending_before');
  let page: PaymentIntentObject[];
  if (after !== undefined) {
    const at = all.findIndex((pi) => pi.id === after);
    if (at < 0) throw resourceMissing('payment_intent', after, 'starting_after');
    all = all.slice(at + 1);
    page = all.slice(0, limit);
  } else if (before !== undefined) {
    const at = all.findIndex((pi) => pi.id === before);
    if (at < 0) throw resourceMissing('payment_intent', before, 'ending_before');
    all = all.slice(0, at);
    page = all.slice(Math.max(0, all.length - limit));
  } else {
    page = all.slice(0, limit);
  }
  const expand = expandList(params).map((path) => path.replace(/^data\./, ''));
  return {
    object: 'list',
    data: page.map((pi) => renderIntent(state, pi, ctx.apiVersion, expand)),
    has_more: all.length > page.length,
    url: '/v1/payment_intents',
  };
}

type Clause = (pi: PaymentIntentObject) => boolean;

function parseClause(text: string): Clause {
  const match = /^(metadata\[['"]([^'"]+)['"]\]|[a-z_]+):['"]([^'"]*)['"]$/.exec(text.trim());
  if (match === null) throw invalidRequest(`Invalid search query clause: ${text.trim()}`, 'query');
  const [, field, metaKey, value] = match;
  if (metaKey !== undefined) return (pi) => pi.metadata[metaKey] === value;
  if (field === 'status' || field === 'customer' || field === 'currency')
    return (pi) => String(pi[field]) === value;
  if (field === 'amount') return (pi) => pi.amount === Number(value);
  throw invalidRequest(`Field '${field}' is not supported in the emulator's search queries.`, 'query');
}

/**
 * `GET /v1/payment_intents/search` for exact-match clauses joined by `AND`:
 * `metadata['order_id']:'42' AND status:'succeeded'` (also `customer`, `currency`, `amount`).
 */
export function searchIntents(state: EmulatorState, ctx: RequestContext): object {
  const { params } = ctx;
  rejectUnknown(params, SEARCH_PARAMS);
  const query = stringParam(params, 'query');
  if (query === undefined || query.trim() === '') {
    throw invalidRequest('Missing required param: query.', 'query', 'parameter_missing');
  }
  const clauses = query.split(/\s+AND\s+/).map(parseClause);
  const limit = limitOf(params);
  const offset = Number(/^page_(\d+)$/.exec(stringParam(params, 'page') ?? '')?.[1] ?? 0);
  const found = newestFirst(state).filter((pi) => clauses.every((clause) => clause(pi)));
  const page = found.slice(offset, offset + limit);
  const more = found.length > offset + limit;
  const expand = expandList(params).map((path) => path.replace(/^data\./, ''));
  return {
    object: 'search_result',
    data: page.map((pi) => renderIntent(state, pi, ctx.apiVersion, expand)),
    has_more: more,
    next_page: more ? `page_${offset + limit}` : null,
    total_count: found.length,
    url: '/v1/payment_intents/search',
  };
}
