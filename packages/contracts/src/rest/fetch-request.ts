import type { BodyRead, RestRequest } from './types.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Reads a Fetch body stream as UTF-8, giving up (and cancelling the stream) past `limit` bytes. */
async function readLimited(body: ReadableStream<Uint8Array> | null, limit: number): Promise<BodyRead> {
  if (body === null) return { kind: 'text', text: '' };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        return { kind: 'too-large' };
      }
      chunks.push(value);
    }
  } catch {
    return { kind: 'unreadable' };
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return { kind: 'text', text: decoder.decode(bytes) };
  } catch {
    return { kind: 'unreadable' };
  }
}

/**
 * Presents a Fetch `Request` to the REST translator. `pathname` overrides the URL's path (Next.js
 * passes its `nextUrl.pathname`, which leaves out the app's own base path).
 */
export function fromFetchRequest(
  request: Request,
  options: { readonly pathname?: string | undefined; readonly clientKey?: string | undefined } = {},
): RestRequest {
  const url = new URL(request.url);
  const rest: { -readonly [K in keyof RestRequest]: RestRequest[K] } = {
    method: request.method.toUpperCase(),
    path: options.pathname ?? url.pathname,
    query: url.searchParams,
    header: (name) => request.headers.get(name) ?? undefined,
    readBody: (limit) => readLimited(request.body, limit),
    signal: request.signal,
  };
  if (options.clientKey !== undefined) rest.clientKey = options.clientKey;
  return rest;
}

/** Turns the translator's answer into a Fetch `Response` (with `Content-Length`). */
export function toFetchResponse(response: {
  status: number;
  headers: Readonly<Record<string, string>>;
  body: string | Uint8Array;
}): Response {
  const bytes = typeof response.body === 'string' ? new TextEncoder().encode(response.body) : response.body;
  const headers = new Headers(response.headers);
  headers.set('content-length', String(bytes.byteLength));
  // A Uint8Array is a valid body; TypeScript 5.9's lib only accepts ones over a plain ArrayBuffer.
  const body = response.status === 204 ? null : (bytes as Uint8Array<ArrayBuffer>);
  return new Response(body, { status: response.status, headers });
}
