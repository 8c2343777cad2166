import type { CorsOptions, RestResponse } from './types.js';

const ALWAYS_ALLOWED_HEADERS = ['content-type', 'authorization', 'idempotency-key', 'x-request-id'];
const EXPOSED_HEADERS = 'x-request-id, idempotent-replayed, retry-after, deprecation, sunset, link';

function allowedOrigin(cors: CorsOptions, origin: string | undefined): string | undefined {
  if (origin === undefined) return undefined;
  if (cors.origins === '*') return cors.credentials === true ? origin : '*';
  return cors.origins.includes(origin) ? origin : undefined;
}

/** CORS headers for an actual request from `origin`; none when CORS is off or the origin is not allowed. */
export function corsHeaders(
  cors: CorsOptions | undefined,
  origin: string | undefined,
): Record<string, string> | undefined {
  if (cors === undefined) return undefined;
  const allowed = allowedOrigin(cors, origin);
  if (allowed === undefined) return { vary: 'Origin' };
  const headers: Record<string, string> = {
    'access-control-allow-origin': allowed,
    'access-control-expose-headers': EXPOSED_HEADERS,
    vary: 'Origin',
  };
  if (cors.credentials === true) headers['access-control-allow-credentials'] = 'true';
  return headers;
}

/** The answer to a preflight `OPTIONS` request. */
export function preflight(cors: CorsOptions, origin: string | undefined, methods: string): RestResponse {
  const base = corsHeaders(cors, origin) ?? {};
  if (base['access-control-allow-origin'] === undefined) return { status: 204, headers: base, body: '' };
  const allowHeaders = [...ALWAYS_ALLOWED_HEADERS, ...(cors.allowHeaders ?? []).map((h) => h.toLowerCase())];
  return {
    status: 204,
    headers: {
      ...base,
      'access-control-allow-methods': methods,
      'access-control-allow-headers': allowHeaders.join(', '),
      'access-control-max-age': String(cors.maxAgeSeconds ?? 600),
    },
    body: '',
  };
}
