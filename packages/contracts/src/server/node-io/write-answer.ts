import type { IncomingMessage, ServerResponse } from 'node:http';

/** Reads one header of a `node:http` request, repeated values joined as HTTP joins them. */
export function nodeHeader(req: IncomingMessage): (name: string) => string | undefined {
  const headers = req.headers;
  return (name) => {
    const value = headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  };
}

/**
 * Writes a whole answer with Content-Length in one `writeHead` (a flat header list: far cheaper
 * than a `setHeader` call per header). When the request body was left unread (413), the
 * connection is closed after the answer, so the rest is never read as the next request.
 */
export function writeNodeAnswer(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  headers: Readonly<Record<string, string>>,
  body: string | Uint8Array,
): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const list: string[] = [];
  for (const name in headers) list.push(name, headers[name] as string);
  list.push('content-length', String(bytes.byteLength));
  const unread = !req.complete;
  if (unread) list.push('connection', 'close');
  res.writeHead(status, list);
  res.end(bytes);
  if (unread) res.once('finish', () => req.destroy());
}
