import type { IncomingMessage, ServerResponse } from 'node:http';

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
  const list: string[] = [];
  for (const name in headers) list.push(name, headers[name] as string);
  const length = typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.byteLength;
  list.push('content-length', String(length));
  const unread = !req.complete;
  if (unread) list.push('connection', 'close');
  res.writeHead(status, list);
  res.end(body);
  if (unread) res.once('finish', () => req.destroy());
}
