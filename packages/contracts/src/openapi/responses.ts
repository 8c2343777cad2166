import { ERROR_TABLE, type FrameworkErrorCode } from '../runtime/errors.js';
import type { AnyOperationSpec } from '../spec/operation.js';
import type { DomainErrorSpec } from '../spec/types.js';
import {
  ALLOW,
  DEPRECATION,
  headerRef,
  IDEMPOTENT_REPLAYED,
  LINK,
  REQUEST_ID,
  RETRY_AFTER,
  SUNSET,
} from './headers.js';
import { errorSchemaFor, firstExample, ioSchema, type SchemaContext } from './schemas.js';
import type {
  HeaderObject,
  MediaTypeObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from './types.js';

/** The HTTP method an operation object describes. */
export type HttpMethod = 'get' | 'post';

/** What decides which framework errors an operation can answer. */
interface Facts {
  readonly spec: AnyOperationSpec;
  readonly method: HttpMethod;
}

const needsIdentity = ({ spec }: Facts) => spec.policy.auth !== 'anonymous';
const needsRole = ({ spec }: Facts) => spec.policy.auth !== 'anonymous' && spec.policy.auth !== 'user';
const hasRules = ({ spec }: Facts) => (spec.policy.rules ?? []).length > 0;
const hidesExistence = ({ spec }: Facts) => spec.policy.hideExistence === true;

/**
 * When each framework error appears in an operation's responses (exhaustive: a new code in
 * `ERROR_TABLE` must be placed here), and what to add to its table message for REST callers.
 */
const FRAMEWORK: { readonly [C in FrameworkErrorCode]: { when(f: Facts): boolean; note(f: Facts): string } } =
  {
    INVALID_INPUT: { when: () => true, note: () => '`issues` lists what is wrong and where.' },
    UNAUTHENTICATED: { when: needsIdentity, note: () => 'No identity where the operation needs one.' },
    FORBIDDEN: {
      when: (f) => needsRole(f) || (hasRules(f) && !hidesExistence(f)),
      note: (f) => {
        const rule = hasRules(f) && !hidesExistence(f);
        if (!needsRole(f)) return 'A policy rule denies.';
        return `The caller lacks the ${f.spec.policy.auth} role${rule ? ', or a policy rule denies' : ''}.`;
      },
    },
    NOT_FOUND: {
      when: () => true,
      note: (f) =>
        hasRules(f) && hidesExistence(f)
          ? 'Unknown operation or version, or a policy rule denies (existence is hidden).'
          : 'Unknown operation or version.',
    },
    METHOD_NOT_ALLOWED: {
      when: () => true,
      note: (f) => `Use ${f.spec.kind === 'query' ? 'GET or POST' : 'POST'}.`,
    },
    CONFLICT: {
      when: (f) => f.spec.kind === 'command',
      note: () => 'The Idempotency-Key was used with another input, or its first call is still running.',
    },
    PAYLOAD_TOO_LARGE: { when: (f) => f.method === 'post', note: () => '' },
    UNSUPPORTED_MEDIA_TYPE: { when: (f) => f.method === 'post', note: () => '' },
    RATE_LIMITED: {
      when: (f) => f.spec.rateLimit !== undefined,
      note: ({ spec }) =>
        `At most ${spec.rateLimit?.limit} calls per ${spec.rateLimit?.windowSeconds} s per ${spec.rateLimit?.by === 'tenant' ? 'tenant' : 'caller'}; see Retry-After.`,
    },
    INTERNAL: {
      when: () => true,
      note: () => 'A server fault; nothing more is revealed, quote the requestId.',
    },
    UNAVAILABLE: { when: () => true, note: () => 'See Retry-After.' },
  };

interface ErrorEntry {
  readonly code: string;
  readonly description: string;
  readonly domain: boolean;
  readonly data?: SchemaObject;
}

/**
 * The responses of one operation: 200 with the output, then one response per error status: the
 * operation's declared domain errors and the framework errors that can happen to it, several codes
 * on one status sharing one response whose `code` is an enum of them.
 */
export function responses(
  context: SchemaContext,
  spec: AnyOperationSpec,
  method: HttpMethod,
  at: string,
): Record<string, ResponseObject> {
  const byStatus = new Map<number, ErrorEntry[]>();
  const add = (status: number, entry: ErrorEntry) => {
    const list = byStatus.get(status);
    if (list === undefined) byStatus.set(status, [entry]);
    else list.push(entry);
  };
  const facts: Facts = { spec, method };
  for (const code of Object.keys(FRAMEWORK) as FrameworkErrorCode[]) {
    const rule = FRAMEWORK[code];
    if (!rule.when(facts)) continue;
    add(ERROR_TABLE[code].http, {
      code,
      description: [sentence(ERROR_TABLE[code].message), rule.note(facts)].filter((s) => s !== '').join(' '),
      domain: false,
    });
  }
  const declared = Object.entries((spec.io.errors ?? {}) as Readonly<Record<string, DomainErrorSpec>>);
  for (const [code, error] of declared) {
    const entry: ErrorEntry =
      error.data === undefined
        ? { code, description: error.description, domain: true }
        : {
            code,
            description: error.description,
            domain: true,
            data: ioSchema(context, error.data, `${at}/errors/${code}/data`),
          };
    add(error.status, entry);
  }

  const out: Record<string, ResponseObject> = {
    '200': success(context, spec, at),
  };
  for (const status of [...byStatus.keys()].sort((a, b) => a - b)) {
    const entries = byStatus.get(status) ?? [];
    out[String(status)] = errorResponse(spec, entries);
  }
  return out;
}

function success(context: SchemaContext, spec: AnyOperationSpec, at: string): ResponseObject {
  const media: MediaTypeObject = { schema: ioSchema(context, spec.io.output, `${at}/output`) };
  const example = firstExample(spec.io.output, `${at}/output/example`);
  if (example !== undefined) media.example = example;
  return {
    description: 'The output.',
    headers: headersFor(spec, { replayable: spec.kind === 'command', retry: false, allow: undefined }),
    content: { 'application/json': media },
  };
}

function errorResponse(spec: AnyOperationSpec, entries: readonly ErrorEntry[]): ResponseObject {
  const codes = entries.map((e) => e.code);
  const data = entries.flatMap((e) => (e.data === undefined ? [] : [e.data]));
  const [only] = entries;
  const description =
    entries.length === 1 && only !== undefined
      ? `${only.code}: ${only.description}`
      : entries.map((e) => `- \`${e.code}\`: ${e.description}`).join('\n');
  return {
    description,
    headers: headersFor(spec, {
      replayable: spec.kind === 'command' && entries.some((e) => e.domain),
      // RATE_LIMITED and UNAVAILABLE; CONFLICT too while the first call with the key still runs.
      retry: codes.some((c) => c === 'RATE_LIMITED' || c === 'UNAVAILABLE' || c === 'CONFLICT'),
      allow: codes.includes('METHOD_NOT_ALLOWED')
        ? spec.kind === 'query'
          ? 'GET, POST'
          : 'POST'
        : undefined,
    }),
    content: { 'application/json': { schema: errorSchemaFor(codes, data) } },
  };
}

function headersFor(
  spec: AnyOperationSpec,
  options: { readonly replayable: boolean; readonly retry: boolean; readonly allow: string | undefined },
): Record<string, HeaderObject | ReferenceObject> {
  const headers: Record<string, HeaderObject | ReferenceObject> = { [REQUEST_ID]: headerRef(REQUEST_ID) };
  if (options.replayable) headers[IDEMPOTENT_REPLAYED] = headerRef(IDEMPOTENT_REPLAYED);
  if (options.retry) headers[RETRY_AFTER] = headerRef(RETRY_AFTER);
  if (options.allow !== undefined) {
    headers[ALLOW] = {
      description: 'The methods this path accepts.',
      schema: { type: 'string', enum: [options.allow] },
    };
  }
  if (spec.meta.stability === 'deprecated') {
    headers[DEPRECATION] = headerRef(DEPRECATION);
    if (spec.meta.deprecation?.sunset !== undefined) headers[SUNSET] = headerRef(SUNSET);
    if (spec.meta.deprecation?.replacement !== undefined) headers[LINK] = headerRef(LINK);
  }
  return headers;
}

/** `Not found` -> `Not found.`; text already ending in punctuation is kept. */
function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
