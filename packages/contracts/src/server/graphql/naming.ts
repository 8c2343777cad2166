import type { AnyOperationSpec, DomainErrors, SpecRegistry } from '../../index.js';

/** `billing.capturePayment` -> `billing_capturePayment` (names have no `_`, so this never collides). */
export function baseFieldName(name: string): string {
  return name.replaceAll('.', '_');
}

/**
 * The field name of every operation GraphQL serves, by `name/vN`: the version the registry picks
 * for the bare name (latest stable, as REST's unversioned URL) is `billing_capturePayment`; every
 * other served version is suffixed, `billing_capturePayment_v1`. When the registry's pick is not
 * served on GraphQL, every served version is suffixed.
 */
export function fieldNames(registry: SpecRegistry, specs: readonly AnyOperationSpec[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const spec of specs) {
    const { name, version } = spec.meta;
    const preferred = registry.resolve(name)?.spec === spec;
    names.set(`${name}/v${version}`, preferred ? baseFieldName(name) : `${baseFieldName(name)}_v${version}`);
  }
  return names;
}

/** The field of a `replacement` like `billing.pay/v2` (or `billing.pay`), else the text as written. */
function replacementField(replacement: string, registry: SpecRegistry, names: Map<string, string>): string {
  const match = /^(.+?)(?:\/v(\d+))?$/.exec(replacement);
  const name = match?.[1] ?? replacement;
  const version = match?.[2] === undefined ? registry.resolve(name)?.spec.meta.version : Number(match[2]);
  return names.get(`${name}/v${version}`) ?? replacement;
}

/** GraphQL's `deprecationReason` for a deprecated operation: since, sunset and replacement when known. */
export function deprecationReason(
  spec: AnyOperationSpec,
  registry: SpecRegistry,
  names: Map<string, string>,
): string | undefined {
  if (spec.meta.stability !== 'deprecated') return undefined;
  const info = spec.meta.deprecation;
  const parts = [info?.since === undefined ? 'Deprecated' : `Deprecated since ${info.since}`];
  if (info?.sunset !== undefined) parts.push(`stops working on ${info.sunset}`);
  if (info?.replacement !== undefined)
    parts.push(`use ${replacementField(info.replacement, registry, names)} instead`);
  return `${parts.join('; ')}.`;
}

/** The field's description: the operation's description and goal, then the errors it declares. */
export function operationDescription(spec: AnyOperationSpec): string {
  const lines: string[] = [spec.meta.description];
  if (spec.meta.goal !== undefined) lines.push(`Goal: ${spec.meta.goal}`);
  const errors = Object.entries((spec.io.errors ?? {}) as DomainErrors);
  if (errors.length > 0) {
    lines.push(
      `Errors (extensions.code): ${errors.map(([code, e]) => `${code} - ${e.description}`).join('; ')}`,
    );
  }
  return lines.join('\n\n');
}
