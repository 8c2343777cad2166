import {
  type AppContext,
  fromFetchRequest,
  handleRest,
  type RestOptions,
  type SpecRegistry,
  type StaticAsset,
  toFetchResponse,
} from '../../index.js';

/** Options of {@link makeFetchHandler}. */
export interface FetchHandlerOptions extends RestOptions {
  /** Identifies the client for rate limits of anonymous calls (e.g. from a trusted proxy header). */
  readonly clientKey?: (request: Request) => string | undefined;
  /** Loads the API reference page's files; without it `{basePath}/docs` is off (no file system assumed). */
  readonly docsAsset?: (file: string) => Promise<StaticAsset | undefined>;
}

/**
 * A Fetch API handler (`Request` -> `Response`) serving the registry's operations over REST: for
 * Deno, Bun, Cloudflare Workers, Hono, or any runtime with `Request` and `Response`.
 * @example export default { fetch: makeFetchHandler(registry, (req) => ({ actor: 'anonymous' })) };
 */
export function makeFetchHandler(
  registry: SpecRegistry,
  createContext: (request: Request) => AppContext | Promise<AppContext>,
  options: FetchHandlerOptions = {},
): (request: Request) => Promise<Response> {
  return async (request) => {
    const clientKey = options.clientKey?.(request);
    const rest = fromFetchRequest(request, clientKey === undefined ? {} : { clientKey });
    return toFetchResponse(await handleRest(registry, rest, () => createContext(request), options));
  };
}
