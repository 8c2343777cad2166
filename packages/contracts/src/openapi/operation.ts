import type { AnyOperationSpec } from '../spec/operation.js';
import { idempotencyKeyParameter, requestIdParameter } from './headers.js';
import { toJson } from './json.js';
import { queryParameters } from './parameters.js';
import { type HttpMethod, responses } from './responses.js';
import { firstExample, ioSchema, isModel, type SchemaContext } from './schemas.js';
import type {
  JsonValue,
  MediaTypeObject,
  OperationObject,
  ParameterObject,
  RequestBodyObject,
} from './types.js';

/** Where one operation object goes and what it is called. */
export interface OperationPlacement {
  readonly method: HttpMethod;
  readonly operationId: string;
  /** The versioned path, when this object describes the unversioned path that resolves to it. */
  readonly resolvesVia?: string;
  /** Security scheme names (alternatives) for operations that need a caller. */
  readonly schemes: readonly string[];
  /** The normalised base path (a deprecation's replacement is a path under it). */
  readonly basePath: string;
}

/** `billing.capturePayment` -> `billing_capturePayment` (names never contain `_`, so ids stay unique). */
export function operationIdBase(name: string): string {
  return name.replaceAll('.', '_');
}

/** The domain of an operation: the first segment of its name (`billing`). */
export function domainOf(name: string): string {
  return name.split('.')[0] ?? name;
}

/** The OpenAPI operation object of one spec on one method and path. */
export function operationObject(
  context: SchemaContext,
  spec: AnyOperationSpec,
  placement: OperationPlacement,
): OperationObject {
  const { meta } = spec;
  const at = `${meta.name} v${meta.version}`;
  const parameters: ParameterObject[] = [];
  if (placement.method === 'get') parameters.push(...queryParameters(context, spec, at));
  parameters.push(requestIdParameter());
  if (spec.kind === 'command') parameters.push(idempotencyKeyParameter(spec.idempotency?.required === true));

  const description = describe(spec, placement);
  const op: OperationObject = {
    operationId: placement.operationId,
    summary: meta.description,
    ...(description === '' ? {} : { description }),
    tags: [...new Set([domainOf(meta.name), ...(meta.tags ?? [])])],
    ...(meta.stability === 'deprecated' ? { deprecated: true } : {}),
    parameters,
    ...(placement.method === 'post' ? { requestBody: requestBody(context, spec, at) } : {}),
    responses: responses(context, spec, placement.method, at),
  };
  if (spec.policy.auth === 'anonymous') op.security = [];
  else if (placement.schemes.length > 0) op.security = placement.schemes.map((name) => ({ [name]: [] }));
  Object.assign(op, extensions(spec, at));
  return op;
}

function requestBody(context: SchemaContext, spec: AnyOperationSpec, at: string): RequestBodyObject {
  const media: MediaTypeObject = { schema: ioSchema(context, spec.io.input, `${at}/input`) };
  const example = firstExample(spec.io.input, `${at}/input/example`);
  if (example !== undefined) media.example = example;
  return { description: 'The input.', required: true, content: { 'application/json': media } };
}

function describe(spec: AnyOperationSpec, placement: OperationPlacement): string {
  const { meta } = spec;
  const parts: string[] = [];
  if (placement.resolvesVia !== undefined) {
    parts.push(
      `Runs v${meta.version}, the version a call without a version resolves to; pin it with ${placement.resolvesVia}.`,
    );
  }
  if (meta.stability === 'deprecated') {
    const replacement = meta.deprecation?.replacement;
    const sunset = meta.deprecation?.sunset;
    parts.push(
      `Deprecated${replacement === undefined ? '' : `: use ${placement.basePath}/${replacement} instead`}${sunset === undefined ? '' : `; stops working on ${sunset}`}.`,
    );
  }
  if (placement.method === 'get') {
    parts.push(
      isModel(spec.io.input)
        ? 'The input goes in the query string: either as JSON in the `input` parameter or as one parameter per field (repeat a parameter for each array item).'
        : 'The input goes in the query string, as JSON in the `input` parameter.',
    );
  }
  return parts.join('\n\n');
}

function extensions(spec: AnyOperationSpec, at: string): Record<`x-${string}`, JsonValue> {
  const { meta, policy } = spec;
  const x: Record<`x-${string}`, JsonValue> = {
    'x-operation': { name: meta.name, version: meta.version, kind: spec.kind },
    'x-stability': meta.stability,
    'x-owners': [...meta.owners],
    'x-auth': policy.auth,
    'x-policy': toJson(
      { auth: policy.auth, rules: policy.rules ?? [], hideExistence: policy.hideExistence === true },
      `${at}/policy`,
    ),
  };
  if (meta.goal !== undefined) x['x-goal'] = meta.goal;
  if (meta.context !== undefined) x['x-context'] = meta.context;
  if (meta.deprecation !== undefined) x['x-deprecation'] = toJson(meta.deprecation, `${at}/deprecation`);
  if (spec.idempotency !== undefined) x['x-idempotency'] = toJson(spec.idempotency, `${at}/idempotency`);
  if (spec.rateLimit !== undefined) x['x-rate-limit'] = toJson(spec.rateLimit, `${at}/rateLimit`);
  return x;
}
