import type { IncomingMessage } from 'node:http';
import type { BodyRead, BodyReceiver } from '../../index.js';

const decoder = new TextDecoder('utf-8', { fatal: true });
const READING = Symbol('reading');

/** One body being read: kept on the request, so the listeners are shared functions, not closures. */
interface Reading {
  readonly receiver: BodyReceiver;
  readonly limit: number;
  readonly chunks: Buffer[];
  size: number;
}

type ReadableRequest = IncomingMessage & { [READING]?: Reading | undefined };

function finish(req: ReadableRequest, body: BodyRead): void {
  const reading = req[READING];
  if (reading === undefined) return;
  req[READING] = undefined;
  req.off('data', onData).off('end', onEnd).off('error', onError);
  reading.receiver.bodyRead(body);
}

function onData(this: ReadableRequest, chunk: Buffer): void {
  const reading = this[READING];
  if (reading === undefined) return;
  reading.size += chunk.byteLength;
  if (reading.size <= reading.limit) reading.chunks.push(chunk);
  else {
    this.pause();
    finish(this, { kind: 'too-large' });
  }
}

function onEnd(this: ReadableRequest): void {
  const reading = this[READING];
  if (reading === undefined) return;
  let body: BodyRead;
  try {
    const { chunks, size } = reading;
    const bytes = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
    body = { kind: 'text', text: decoder.decode(bytes) };
  } catch {
    body = { kind: 'unreadable' };
  }
  finish(this, body);
}

function onError(this: ReadableRequest): void {
  finish(this, { kind: 'unreadable' });
}

/**
 * Reads a `node:http` request body as UTF-8, up to `limit` bytes, and hands the result to
 * `receiver` (once). Past the limit it stops reading (the rest is never buffered) and reports
 * `too-large`; bytes that are not UTF-8 are `unreadable`.
 */
export function readNodeBodyInto(req: IncomingMessage, limit: number, receiver: BodyReceiver): void {
  const readable = req as ReadableRequest;
  readable[READING] = { receiver, limit, chunks: [], size: 0 };
  req.on('data', onData).on('end', onEnd).on('error', onError);
}

/** {@link readNodeBodyInto} as a promise. */
export function readNodeBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  return new Promise((resolve) => readNodeBodyInto(req, limit, { bodyRead: resolve }));
}
