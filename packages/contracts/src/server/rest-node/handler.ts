import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type AppContext,
  type BodyRead,
  fileSystemDocsAssets,
  handleRest,
  type RestHandling,
  type RestOptions,
  type RestRequest,
  type RestResponse,
  type SpecRegistry,
} from '../../index.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Reads the body up to `limit` bytes; past it, stops reading and reports `too-large`. */
function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (result: BodyRead) => {
      req.off('data', onData).off('end', onEnd).off('error', onError);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limit) {
        req.pause();
        done({ kind: 'too-large' });
      } else {
        chunks.push(chunk);
      }
    };
    const onEnd = () => {
      try {
        const bytes = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
        done({ kind: 'text', text: decoder.decode(bytes) });
      } catch {
        done({ kind: 'unreadable' });
      }
    };
    const onError = () => done({ kind: 'unreadable' });
    req.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

/** An AbortSignal that fires if the client goes away before the answer is written; made on demand. */
function clientGone(res: ServerResponse): () => AbortSignal {
  let controller: AbortController | undefined;
  return () => {
    if (controller === undefined) {
      const made = new AbortController();
      controller = made;
      res.once('close', () => {
        if (!res.writableFinished) made.abort(new Error('the client closed the connection'));
      });
    }
    return controller.signal;
  };
}

function toRestRequest(req: IncomingMessage, res: ServerResponse): RestRequest {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const headers = req.headers;
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    path: q < 0 ? url : url.slice(0, q),
    query: new URLSearchParams(q < 0 ? '' : url.slice(q + 1)),
    header: (name) => {
      const value = headers[name];
      return Array.isArray(value) ? value.join(', ') : value;
    },
    readBody: (limit) => readBody(req, limit),
    clientKey: req.socket.remoteAddress ?? 'unknown',
    signal: clientGone(res),
  };
}

function write(req: IncomingMessage, res: ServerResponse, response: RestResponse): void {
  const body = typeof response.body === 'string' ? Buffer.from(response.body, 'utf8') : response.body;
  // One flat header list for writeHead: far cheaper than a setHeader call per header.
  const headers: string[] = [];
  for (const name in response.headers) headers.push(name, response.headers[name] as string);
  headers.push('content-length', String(body.byteLength));
  // A body left unread (413) must not be read by the next request on this connection.
  const unread = !req.complete;
  if (unread) headers.push('connection', 'close');
  res.writeHead(response.status, headers);
  res.end(body);
  if (unread) res.once('finish', () => req.destroy());
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
    write(req, res, response);
  };
}
