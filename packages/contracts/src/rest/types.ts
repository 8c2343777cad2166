import type { ClientSignal } from '../runtime/cancellation.js';
import type { AppContext } from '../runtime/context.js';

/** The outcome of reading a request body under a size limit. */
export type BodyRead =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'too-large' }
  | { readonly kind: 'unreadable' };

/** Told once when a request body has been read (see {@link RestRequest.readBodyInto}). */
export interface BodyReceiver {
  bodyRead(body: BodyRead): void;
}

/** A request as every REST adapter presents it to the shared translator. */
export interface RestRequest {
  readonly method: string;
  /** The URL path, e.g. `/api/ops/billing.capturePayment`. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** A request header by lower-case name. */
  header(name: string): string | undefined;
  /** Reads the body as UTF-8 text, stopping (without reading the rest) once `limit` bytes are exceeded. */
  readBody(limit: number): Promise<BodyRead>;
  /** The same as `readBody`, handing the result to `receiver` (adapters that can, to spare a promise per call). */
  readBodyInto?(limit: number, receiver: BodyReceiver): void;
  /** Identifies the client for rate limits of anonymous calls (e.g. its address). */
  readonly clientKey?: string;
  /** Fires when the client goes away (or a function giving that signal on demand). */
  readonly signal?: ClientSignal;
}

/** A response the adapters write out. `body` is JSON text, HTML, or bytes of a static asset. */
export interface RestResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Uint8Array;
}

/** Where the REST translator delivers its one response (an adapter's request, say: no promise per call). */
export interface RestResponder {
  respond(response: RestResponse): void;
}

/** A static file of the API reference page, served from the adapter's side. */
export interface StaticAsset {
  readonly body: Uint8Array | string;
  readonly contentType: string;
}

/** Explicit, opt-in CORS. Without it no CORS header is ever sent. */
export interface CorsOptions {
  /** Allowed origins, exactly as browsers send them (`https://app.example.com`), or `'*'`. */
  readonly origins: readonly string[] | '*';
  /** Send `Access-Control-Allow-Credentials: true` (not allowed with `'*'`). */
  readonly credentials?: boolean;
  /** Extra request headers browsers may send (Content-Type, Authorization, Idempotency-Key, X-Request-Id are always allowed). */
  readonly allowHeaders?: readonly string[];
  /** Preflight cache lifetime in seconds (default 600). */
  readonly maxAgeSeconds?: number;
}

/** Options shared by the REST adapters. */
export interface RestOptions {
  /** Where operations live (default `/api/ops`). */
  readonly basePath?: string;
  /** Largest accepted body in bytes (default 1 MiB); larger ones get 413 without being read. */
  readonly bodyLimit?: number;
  readonly cors?: CorsOptions;
  /** Serve `{basePath}/openapi.json` (default true). */
  readonly openapi?:
    | boolean
    | { readonly title?: string; readonly version?: string; readonly description?: string };
  /** Serve the API reference page at `{basePath}/docs` (default true where the adapter can serve its assets). */
  readonly docs?: boolean;
}

/** Makes the app context for one call; called once per call, after the operation is resolved. */
export type ContextThunk = () => AppContext | Promise<AppContext>;
