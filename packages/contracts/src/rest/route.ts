import { OPERATION_NAME } from '../spec/checks.js';

/** What a path under the base path names. */
export type Route =
  | { readonly kind: 'operation'; readonly name: string; readonly version: number | undefined }
  | { readonly kind: 'openapi' }
  | { readonly kind: 'docs' }
  | { readonly kind: 'docs-asset'; readonly file: string }
  | { readonly kind: 'none' };

const VERSION = /^v([1-9][0-9]{0,8})$/;
const ASSET = /^[A-Za-z0-9][A-Za-z0-9._-]{0,100}$/;

/** Normalises a base path: leading slash, no trailing slash (`''` for the root). */
export function normaliseBasePath(basePath: string): string {
  if (basePath.startsWith('/') && !basePath.endsWith('/')) return basePath;
  const trimmed = basePath.replace(/\/+$/, '');
  return trimmed === '' ? '' : trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

const CACHE_LIMIT = 512;
const parsed = new Map<string, Map<string, Route>>();

/**
 * {@link parseRouteUncached} with the latest answers kept (a route is a pure function of the path
 * and base path): at most 512 paths per base path, all forgotten when full, so hostile paths
 * cannot grow it. Which operation a name means is still asked of the registry on every call.
 */
export function parseRoute(path: string, basePath: string): Route {
  let routes = parsed.get(basePath);
  if (routes === undefined) {
    routes = new Map();
    parsed.set(basePath, routes);
  }
  let route = routes.get(path);
  if (route === undefined) {
    route = Object.freeze(parseRouteUncached(path, basePath));
    if (routes.size >= CACHE_LIMIT) routes.clear();
    routes.set(path, route);
  }
  return route;
}

/**
 * Parses a request path: `{base}/{name}` (the latest stable version), `{base}/{name}/v{n}` (that
 * version), `{base}/openapi.json`, `{base}/docs` and its assets. Names match exactly; anything
 * else is `none`. A function of the path alone, so nothing is frozen at start-up.
 */
function parseRouteUncached(path: string, basePath: string): Route {
  if (!path.startsWith(`${basePath}/`)) return { kind: 'none' };
  const parts = path.slice(basePath.length + 1).split('/');
  const [first, second, third] = parts;
  if (first === undefined || parts.length > 3) return { kind: 'none' };
  if (parts.length === 1 && first === 'openapi.json') return { kind: 'openapi' };
  if (first === 'docs') {
    if (parts.length === 1) return { kind: 'docs' };
    if (parts.length === 3 && second === 'assets' && third !== undefined && ASSET.test(third)) {
      return { kind: 'docs-asset', file: third };
    }
    return { kind: 'none' };
  }
  if (!OPERATION_NAME.test(first) || parts.length === 3) return { kind: 'none' };
  if (second === undefined) return { kind: 'operation', name: first, version: undefined };
  const match = VERSION.exec(second);
  return match === null ? { kind: 'none' } : { kind: 'operation', name: first, version: Number(match[1]) };
}
