import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { validateByHand } from '../../validation/contenders/hand-written.js';
import { bearerUser, capture, OP_PATH } from '../wire.js';
import { listening, type StartServer } from './types.js';

const BODY_LIMIT = 1024 * 1024;

function send(res: ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
  res.end(body);
}

function fail(res: ServerResponse, status: number, code: string, issues?: unknown): void {
  send(res, status, { error: issues === undefined ? { code } : { code, issues } });
}

/** Reads the body as UTF-8 text, or undefined past the limit. */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT) chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(size > BODY_LIMIT ? undefined : Buffer.concat(chunks, size).toString('utf8')),
    );
    req.on('error', reject);
  });
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.url !== OP_PATH) return fail(res, 404, 'NOT_FOUND');
  if (req.method !== 'POST') return fail(res, 405, 'METHOD_NOT_ALLOWED');
  if (!req.headers['content-type']?.startsWith('application/json'))
    return fail(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  const text = await readBody(req);
  if (text === undefined) return fail(res, 413, 'PAYLOAD_TOO_LARGE');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return fail(res, 400, 'INVALID_INPUT', [{ path: [], message: 'not JSON' }]);
  }
  if (bearerUser(req.headers.authorization) === undefined) return fail(res, 401, 'UNAUTHENTICATED');
  const valid = validateByHand(body);
  if (!valid.ok) return fail(res, 400, 'INVALID_INPUT', valid.issues);
  send(res, 200, capture(valid.value as { invoiceId: string }));
}

/**
 * Bare `node:http`, the practical limit: the same route, bearer check and hand-written validation
 * (every issue collected) as the others, and a JSON answer with Content-Length, nothing more.
 */
export const start: StartServer = (port, host) =>
  listening(
    createServer((req, res) => {
      handle(req, res).catch(() => fail(res, 500, 'INTERNAL'));
    }),
    port,
    host,
  );
