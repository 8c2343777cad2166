import { generateOpenApi } from '../openapi/index.js';
import type { SpecRegistry } from '../registry/registry.js';
import type { RestOptions, RestResponse, StaticAsset } from './types.js';

const cache = new WeakMap<SpecRegistry, { revision: number; key: string; body: string }>();

/** `{basePath}/openapi.json`, generated from the registry and rebuilt whenever it changes. */
export function openApiResponse(
  registry: SpecRegistry,
  basePath: string,
  options: RestOptions['openapi'],
): RestResponse {
  const info = typeof options === 'object' ? options : {};
  const key = JSON.stringify([basePath, info]);
  let entry = cache.get(registry);
  if (entry === undefined || entry.revision !== registry.revision || entry.key !== key) {
    const document = generateOpenApi(registry, { basePath, ...info });
    entry = { revision: registry.revision, key, body: JSON.stringify(document) };
    cache.set(registry, entry);
  }
  // The caller adds `x-request-id` (see handleRest), as for the docs page.
  return {
    status: 200,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    },
    body: entry.body,
  };
}

/** The files the reference page loads, all from the locally installed `swagger-ui-dist`. */
export const DOCS_ASSETS: Readonly<Record<string, string>> = Object.freeze({
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'init.js': 'text/javascript; charset=utf-8',
});

/** The human API reference at `{basePath}/docs`: Swagger UI served from our own origin, no CDN. */
export function docsPage(basePath: string): RestResponse {
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API reference</title>
<link rel="stylesheet" href="${basePath}/docs/assets/swagger-ui.css">
</head>
<body>
<div id="reference" data-spec="${basePath}/openapi.json"></div>
<script src="${basePath}/docs/assets/swagger-ui-bundle.js"></script>
<script src="${basePath}/docs/assets/init.js"></script>
</body>
</html>
`;
  return {
    status: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      'content-security-policy':
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
    },
    body: html,
  };
}

/** The script that starts Swagger UI on the page (served as a file so the page needs no inline script). */
export const DOCS_INIT_SCRIPT = `window.addEventListener('load', function () {
  var el = document.getElementById('reference');
  window.ui = SwaggerUIBundle({ url: el.getAttribute('data-spec'), domNode: el, deepLinking: true });
});
`;

/** One asset of the reference page, or undefined when it is not one of ours or cannot be loaded. */
export async function docsAssetResponse(
  load: (file: string) => Promise<StaticAsset | undefined>,
  file: string,
): Promise<RestResponse | undefined> {
  const contentType = Object.hasOwn(DOCS_ASSETS, file) ? DOCS_ASSETS[file] : undefined;
  if (contentType === undefined) return undefined;
  const asset = file === 'init.js' ? { body: DOCS_INIT_SCRIPT, contentType } : await load(file);
  if (asset === undefined) return undefined;
  return {
    status: 200,
    headers: {
      'content-type': asset.contentType,
      'cache-control': 'public, max-age=3600',
      'x-content-type-options': 'nosniff',
    },
    body: asset.body,
  };
}
