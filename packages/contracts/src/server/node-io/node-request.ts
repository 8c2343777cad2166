import type { IncomingMessage, ServerResponse } from 'node:http';
import type {
  BodyRead,
  BodyReceiver,
  ClientSignalSource,
  RestRequest,
  RestResponder,
  RestResponse,
} from '../../index.js';
import { clientGoneSignal } from './client-gone.js';
import { readNodeBody, readNodeBodyInto } from './read-body.js';
import { writeNodeAnswer } from './write-answer.js';

/**
 * A `node:http` request as the REST and MCP translators read it. One object per request with
 * its methods on the prototype: the query string is parsed and the client-gone signal made only
 * when read (most calls need neither).
 */
export class NodeRequest implements RestRequest, ClientSignalSource, RestResponder {
  readonly method: string;
  readonly path: string;
  readonly #req: IncomingMessage;
  readonly #res: ServerResponse;
  readonly #search: string;
  #query: URLSearchParams | undefined;
  #gone: AbortSignal | undefined;

  constructor(req: IncomingMessage, res: ServerResponse) {
    this.#req = req;
    this.#res = res;
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    this.method = (req.method ?? 'GET').toUpperCase();
    this.path = q < 0 ? url : url.slice(0, q);
    this.#search = q < 0 ? '' : url.slice(q + 1);
  }

  get query(): URLSearchParams {
    this.#query ??= new URLSearchParams(this.#search);
    return this.#query;
  }

  /** A request header by lower-case name, repeated values joined as HTTP joins them. */
  header(name: string): string | undefined {
    const value = this.#req.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  }

  readBody(limit: number): Promise<BodyRead> {
    return readNodeBody(this.#req, limit);
  }

  readBodyInto(limit: number, receiver: BodyReceiver): void {
    readNodeBodyInto(this.#req, limit, receiver);
  }

  /** Writes the answer (see {@link writeNodeAnswer}); a connection that cannot take it is closed. */
  respond(response: RestResponse): void {
    try {
      writeNodeAnswer(this.#req, this.#res, response.status, response.headers, response.body);
    } catch {
      this.#res.destroy();
    }
  }

  get clientKey(): string {
    return this.#req.socket.remoteAddress ?? 'unknown';
  }

  /** The request itself: it makes the client-gone signal when the handler reads `ctx.signal`. */
  get signal(): ClientSignalSource {
    return this;
  }

  /** Fires if the client goes away before the answer is written; made on first call, then kept. */
  clientSignal(): AbortSignal {
    this.#gone ??= clientGoneSignal(this.#res)();
    return this.#gone;
  }
}
