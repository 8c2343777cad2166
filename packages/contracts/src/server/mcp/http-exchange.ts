import type { AppContext, BodyRead, BodyReceiver, ClientSignal, ContextThunk } from '../../index.js';
import type { McpCaller, McpDispatcher } from './dispatch.js';
import type { McpHttpAnswer, McpHttpRequest, McpHttpResponder } from './http.js';
import { ACCEPTED, jsonTextAnswer, malformedAnswer, refusedAnswer } from './http-answers.js';
import { RPC, type RpcReply, transportError } from './protocol.js';
import type { McpReplyReceiver } from './tool-call.js';

/** The most messages one batch may carry (each may run a tool). */
const MAX_BATCH = 100;

/** The JSON array of a batch's replies, or undefined when none of its messages gets one. */
function batchJson(replies: readonly (RpcReply | undefined)[]): string | undefined {
  const given = replies.filter((reply): reply is RpcReply => reply !== undefined);
  return given.length === 0 ? undefined : JSON.stringify(given);
}

/**
 * One POST whose headers passed: reads the body into itself, dispatches its message (or batch) and
 * hands the answer to the responder, once. It is also the messages' caller: one context per HTTP
 * request, made on first use and shared by the messages of a batch.
 */
export class McpHttpExchange implements BodyReceiver, McpCaller, McpReplyReceiver {
  readonly clientKey: string | undefined;
  readonly signal: ClientSignal | undefined;
  readonly #dispatcher: McpDispatcher;
  readonly #context: ContextThunk;
  readonly #responder: McpHttpResponder;
  #made: AppContext | Promise<AppContext> | undefined;

  constructor(
    dispatcher: McpDispatcher,
    request: McpHttpRequest,
    context: ContextThunk,
    responder: McpHttpResponder,
  ) {
    this.#dispatcher = dispatcher;
    this.#context = context;
    this.#responder = responder;
    this.clientKey = request.clientKey;
    this.signal = request.signal;
  }

  context(): AppContext | Promise<AppContext> {
    this.#made ??= this.#context();
    return this.#made;
  }

  /** Reads the body (into this exchange when the request can, else through its promise). */
  read(request: McpHttpRequest, limit: number): void {
    if (request.readBodyInto !== undefined) request.readBodyInto(limit, this);
    else
      request.readBody(limit).then(
        (body) => this.bodyRead(body),
        () => this.failed(),
      );
  }

  bodyRead(body: BodyRead): void {
    let message: unknown;
    if (body.kind !== 'text') {
      this.#responder.respond(
        body.kind === 'too-large'
          ? refusedAnswer(transportError('PAYLOAD_TOO_LARGE'))
          : malformedAnswer(RPC.PARSE_ERROR, 'The body is not UTF-8'),
      );
      return;
    }
    try {
      message = JSON.parse(body.text);
    } catch {
      this.#responder.respond(malformedAnswer(RPC.PARSE_ERROR, 'The body is not valid JSON'));
      return;
    }
    try {
      this.#dispatch(message);
    } catch {
      this.failed();
    }
  }

  #dispatch(message: unknown): void {
    if (!Array.isArray(message)) this.#dispatcher.replyJsonTo(message, this, this);
    else if (message.length === 0 || message.length > MAX_BATCH)
      this.#responder.respond(
        malformedAnswer(RPC.INVALID_REQUEST, `A batch holds 1 to ${MAX_BATCH} messages`),
      );
    else
      Promise.all(message.map((m) => this.#dispatcher.handle(m, this))).then(
        (replies) => this.replied(batchJson(replies)),
        () => this.failed(),
      );
  }

  /** The reply as JSON text (undefined: the message gets none, so the answer is 202). */
  replied(json: string | undefined): void {
    let answer: McpHttpAnswer;
    try {
      answer = json === undefined ? ACCEPTED : jsonTextAnswer(200, json);
    } catch {
      answer = refusedAnswer(transportError('INTERNAL'));
    }
    this.#responder.respond(answer);
  }

  /** Nothing in the dispatcher throws by design (the pipeline answers every failure): a last resort. */
  failed(): void {
    this.#responder.respond(refusedAnswer(transportError('INTERNAL')));
  }
}
