import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type AppContext,
  fileSystemDocsAssets,
  handleRest,
  type RestHandling,
  type RestOptions,
  type RestRequest,
  type SpecRegistry,
} from '../../index.js';
import { clientGoneSignal, nodeHeader, readNodeBody, writeNodeAnswer } from '../node-io/index.js';

function toRestRequest(req: IncomingMessage, res: ServerResponse): RestRequest {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    path: q < 0 ? url : url.slice(0, q),
    query: new URLSearchParams(q < 0 ? '' : url.slice(q + 1)),
    header: nodeHeader(req),
    readBody: (limit) => readNodeBody(req, limit),
    clientKey: req.socket.remoteAddress ?? 'unknown',
    signal: clientGoneSignal(res),
  };
}

function withDocs(options: RestOptions): RestHandling {
  const docsAsset = options.docs === false ? undefined : fileSystemDocsAssets();
  return docsAsset === undefined ? options : { ...options, docsAsset };
}

/**
 * A `node:http` request listener serving the registry's operations over REST, without Fetch
 * `Request`/`Response` objects in between (they cost more than the rest of a small call).
 * Requests outside the base path get 404; use it as the whole server or call it for a sub-path.
 * @example http.createServer(createNodeHandler(registry, (req) => ({ actor: 'anonymous' }))).listen(3000);
 */
export function createNodeHandler(
  registry: SpecRegistry,
  createContext: (request: IncomingMessage) => AppContext | Promise<AppContext>,
  options: RestOptions = {},
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  // Worked out once, on the first request (not per request: finding the docs' files touches the disk).
  let handling: RestHandling | undefined;
  return async (req, res) => {
    handling ??= withDocs(options);
    const response = await handleRest(registry, toRestRequest(req, res), () => createContext(req), handling);
    writeNodeAnswer(req, res, response.status, response.headers, response.body);
  };
}
