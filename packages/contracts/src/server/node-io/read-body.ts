import type { IncomingMessage } from 'node:http';
import type { BodyRead } from '../../index.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a `node:http` request body as UTF-8, up to `limit` bytes. Past the limit it stops reading
 * (the rest is never buffered) and reports `too-large`; bytes that are not UTF-8 are `unreadable`.
 */
export function readNodeBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (result: BodyRead) => {
      req.off('data', onData).off('end', onEnd).off('error', onError);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= limit) chunks.push(chunk);
      else {
        req.pause();
        done({ kind: 'too-large' });
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
