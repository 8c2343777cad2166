import { getOperationAST } from 'graphql';
import type { Response as GraphQLHttpResponse, ResponseInit } from 'graphql-http';
import type { BodyRead, BodyReceiver, ExecuteReceiver, ExecuteResult, SpecRegistry } from '../../index.js';
import { answerHeaders } from './answer-headers.js';
import type { GraphQLCall } from './call.js';
import type { DocumentCache } from './documents.js';
import { errorAnswer } from './errors.js';
import { fastInput, fastResultJson, RefusedVariables } from './fast-answer.js';
import { type FastPlan, fastPlanOf } from './fast-plan.js';
import {
  type AnswerMediaType,
  type JsonPost,
  parseJsonPost,
  postedBody,
  postMediaType,
} from './json-post.js';
import type { GraphQLLimits } from './limits.js';
import { OperationCall } from './operation-call.js';
import type { GraphQLHttpRequest } from './request-params.js';
import { currentSchema } from './schema.js';

/** What the engine hands an exchange: its registry, limits, document cache and graphql-http. */
export interface EngineParts {
  readonly registry: SpecRegistry;
  readonly limits: Required<GraphQLLimits>;
  readonly cache: DocumentCache;
  readonly hideSuggestions: boolean;
  /** graphql-http's answer (every method, media type and document); never rejects. */
  general(request: GraphQLHttpRequest): Promise<GraphQLHttpResponse>;
}

/** A request as an adapter that reads bodies into a receiver presents it. */
export interface FastRequest {
  readonly method: string;
  readonly path: string;
  readonly call: GraphQLCall;
  header(name: string): string | undefined;
  readBodyInto(limit: number, receiver: BodyReceiver): void;
  /** The request for graphql-http; `body` when this exchange has already read it. */
  forGraphqlHttp(body: GraphQLHttpRequest['body'] | undefined): GraphQLHttpRequest;
}

/** Where an answer goes: its status, every header, and the body. */
export interface GraphQLResponder {
  send(status: number, headers: Record<string, string>, body: string): void;
}

/** Hands graphql-http's kind of answer to `responder`, with the headers every answer carries. */
export function respondWith(
  responder: GraphQLResponder,
  call: GraphQLCall,
  answer: GraphQLHttpResponse,
): void {
  const [body, init] = answer;
  responder.send(init.status, answerHeaders(init, call), body ?? '');
}

/** Answers through graphql-http (`body`: the body this side has read, if any). */
export function answerGeneral(
  parts: EngineParts,
  request: FastRequest,
  body: GraphQLHttpRequest['body'] | undefined,
  responder: GraphQLResponder,
): void {
  parts.general(request.forGraphqlHttp(body)).then((answer) => respondWith(responder, request.call, answer));
}

function okInit(mediaType: AnswerMediaType): ResponseInit {
  return Object.freeze({
    status: 200,
    statusText: 'OK',
    headers: Object.freeze({ 'content-type': `${mediaType}; charset=utf-8` }),
  });
}

/** How the fast path answers, by media type (graphql-http's init for a result). */
export const FAST_ANSWER_INITS: Readonly<Record<AnswerMediaType, ResponseInit>> = Object.freeze({
  'application/graphql-response+json': okInit('application/graphql-response+json'),
  'application/json': okInit('application/json'),
});

/**
 * The fast plan of a well-formed POST's document (parsed and validated through the cache), or
 * undefined when graphql-http and graphql-js must answer it.
 */
export function fastPlanFor(parts: EngineParts, post: JsonPost): FastPlan | undefined {
  const schema = currentSchema(parts.registry);
  const document = parts.cache.get(schema, post.query).document;
  const operation = document && getOperationAST(document, post.operationName);
  return operation ? fastPlanOf(schema, operation) : undefined;
}

/**
 * One POST on the fast path: reads its body into itself, and when the document has a fast plan,
 * checks the variable, runs the pipeline and writes the answer graphql-js would have written,
 * without a promise of its own. Anything it cannot answer goes to graphql-http with the body read.
 */
export class FastExchange implements BodyReceiver, ExecuteReceiver {
  readonly #parts: EngineParts;
  readonly #request: FastRequest;
  readonly #responder: GraphQLResponder;
  #mediaType: AnswerMediaType = 'application/json';
  #plan: FastPlan | undefined;

  constructor(parts: EngineParts, request: FastRequest, responder: GraphQLResponder) {
    this.#parts = parts;
    this.#request = request;
    this.#responder = responder;
  }

  start(): void {
    const mediaType = postMediaType(this.#request, this.#parts.limits);
    if (mediaType === undefined) {
      answerGeneral(this.#parts, this.#request, undefined, this.#responder);
      return;
    }
    this.#mediaType = mediaType;
    this.#request.readBodyInto(this.#parts.limits.bodyLimit, this);
  }

  bodyRead(body: BodyRead): void {
    try {
      this.#answer(body);
    } catch {
      this.#internal();
    }
  }

  #answer(body: BodyRead): void {
    if (body.kind !== 'text') {
      const failure = this.#request.call.bodyRefused(body.kind);
      this.#general(() => Promise.reject(failure));
      return;
    }
    const text = body.text;
    const post = parseJsonPost(text, this.#mediaType, this.#parts.limits);
    if (post === undefined) {
      this.#general(() => Promise.resolve(text));
      return;
    }
    const plan = fastPlanFor(this.#parts, post);
    if (plan === undefined) {
      this.#general(postedBody(post));
      return;
    }
    const call = this.#request.call;
    const input = fastInput(plan, post.variables, call, this.#parts.hideSuggestions);
    if (input instanceof RefusedVariables) this.#done(input.json);
    else {
      this.#plan = plan;
      new OperationCall(plan.target, input, call).runInto(this);
    }
  }

  executed(result: ExecuteResult): void {
    const plan = this.#plan;
    let json: string | undefined;
    try {
      if (plan !== undefined) json = fastResultJson(plan, result, this.#request.call.requestId);
    } catch {
      json = undefined;
    }
    if (json === undefined) this.#internal();
    else this.#done(json);
  }

  #done(json: string): void {
    this.#responder.send(200, answerHeaders(FAST_ANSWER_INITS[this.#mediaType], this.#request.call), json);
  }

  #general(body: GraphQLHttpRequest['body']): void {
    answerGeneral(this.#parts, this.#request, body, this.#responder);
  }

  #internal(): void {
    respondWith(
      this.#responder,
      this.#request.call,
      errorAnswer('INTERNAL', undefined, this.#request.call.requestId),
    );
  }
}
