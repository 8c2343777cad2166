import type { IncomingMessage, ServerResponse } from 'node:http';

/** A node:http request as a Fetch `Request`, its body streamed (the handler stops reading at its limit). */
function toRequest(req: IncomingMessage, onCancel: () => void): Request {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2)
    headers.append(req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string);
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://localhost');
  } catch {
    url = new URL('http://localhost/');
  }
  const method = (req.method ?? 'GET').toUpperCase();
  if (method === 'GET' || method === 'HEAD') return new Request(url, { method, headers });
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      req.on('data', (chunk: Buffer) =>
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)),
      );
      req.on('end', () => controller.close());
      req.on('error', (error) => controller.error(error));
    },
    cancel() {
      req.pause();
      onCancel();
    },
  });
  // Node needs `duplex` for a streamed body; the DOM's RequestInit type does not list it yet.
  const init: RequestInit & { duplex: 'half' } = { method, headers, body, duplex: 'half' };
  return new Request(url, init);
}

/**
 * Serves a Fetch handler (such as {@link makeWebhookHandler}'s) on node:http or Express: the
 * body is streamed to it raw, as signature checks need.
 * @example createServer(toNodeListener(makeWebhookHandler(registry, options))).listen(3000);
 */
export function toNodeListener(
  handler: (request: Request) => Promise<Response>,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    // A body left unread (too large) cannot be skipped on a kept-alive connection: close it instead.
    let unread = false;
    try {
      const response = await handler(toRequest(req, () => (unread = true)));
      const bytes = new Uint8Array(await response.arrayBuffer());
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name] = value;
      });
      headers['content-length'] = String(bytes.byteLength);
      if (unread) headers.connection = 'close';
      res.writeHead(response.status, headers);
      res.end(bytes);
    } catch {
      if (!res.headersSent) res.writeHead(500, { 'content-length': '0', connection: 'close' });
      res.end();
    }
  };
}
