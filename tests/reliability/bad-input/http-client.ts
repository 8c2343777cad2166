// The bad-input suite's HTTP client: one keep-alive agent and `send`, which passes raw body bytes
// and any header values node accepts, plus percent-encoding for hostile URL paths.
import { Agent, request } from 'node:http';

/** The keep-alive agent every request of the suite goes over (destroyed by the server's `close`). */
export const keepAlive = new Agent({ keepAlive: true, maxSockets: 16 });

/** One HTTP answer: status, headers and the body as text. */
export interface RawAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
}

/** Sends one request over the keep-alive agent (raw body bytes, any header values node accepts). */
export function send(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: init.method ?? 'POST', headers: init.headers, agent: keepAlive },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

/** Percent-encodes every UTF-8 byte of `text` (lone surrogates become U+FFFD, as on any wire). */
export function percentEncode(text: string): string {
  return Array.from(Buffer.from(text, 'utf8'), (byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
}
