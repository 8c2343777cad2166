import {
  type AppContext,
  fileSystemDocsAssets,
  fromFetchRequest,
  handleRest,
  type RestHandling,
  type RestOptions,
  type SpecRegistry,
  toFetchResponse,
} from '../../index.js';

/**
 * What Next.js passes to an App Router route handler besides the request (unused: routing is by
 * path). The handler takes it as `unknown`: `next build` checks that a route's second parameter
 * accepts Next's `{ params: Promise<...> }`, which only `unknown` (or that exact type) passes.
 */
export interface NextRouteContext {
  readonly params?: unknown;
}

/** A request as Next.js hands it to route handlers (`NextRequest` is a `Request` with `nextUrl`). */
export type NextAppRequest = Request & { readonly nextUrl?: { readonly pathname: string } };

/** Options of {@link makeNextAppHandler}. */
export interface NextAppHandlerOptions extends RestOptions {
  /** Identifies the client for rate limits of anonymous calls (e.g. from a trusted proxy header). */
  readonly clientKey?: (request: Request) => string | undefined;
}

/**
 * A Next.js App Router route handler for `app/api/ops/[...route]/route.ts`: export it as `GET` and
 * `POST`. The context factory may be async (read the session there).
 * @example
 * const handler = makeNextAppHandler(registry, async (req) => ({ actor: 'user', userId: (await auth(req)).userId }));
 * export { handler as GET, handler as POST };
 */
export function makeNextAppHandler(
  registry: SpecRegistry,
  createContext: (request: NextAppRequest) => AppContext | Promise<AppContext>,
  options: NextAppHandlerOptions = {},
): (request: NextAppRequest, context?: unknown) => Promise<Response> {
  // Worked out once, on the first request (not per request: finding the docs' files touches the disk).
  let handling: RestHandling | undefined;
  return async (request) => {
    if (handling === undefined) {
      const docsAsset = options.docs === false ? undefined : fileSystemDocsAssets();
      handling = docsAsset === undefined ? options : { ...options, docsAsset };
    }
    const clientKey = options.clientKey?.(request);
    const rest = fromFetchRequest(request, { pathname: request.nextUrl?.pathname, clientKey });
    return toFetchResponse(await handleRest(registry, rest, () => createContext(request), handling));
  };
}
