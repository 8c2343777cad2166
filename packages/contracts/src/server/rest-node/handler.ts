import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type AppContext,
  answerRest,
  fileSystemDocsAssets,
  type RestHandling,
  type RestOptions,
  type SpecRegistry,
} from '../../index.js';
import { NodeRequest } from '../node-io/index.js';

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
): (req: IncomingMessage, res: ServerResponse) => void {
  // Worked out once, on the first request (not per request: finding the docs' files touches the disk).
  let handling: RestHandling | undefined;
  return (req, res) => {
    handling ??= withDocs(options);
    const request = new NodeRequest(req, res);
    answerRest(registry, request, () => createContext(req), handling, request);
  };
}
