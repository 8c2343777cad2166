import type { AnyEnumType } from '../enum-type.js';
import { type Failure, fail } from '../issues.js';
import type { AnyScalarType, ConstantRef, Encoded } from '../scalar-type.js';

/** The normalised rule for a scalar or enum, shared by the compiler and the interpreter. */
export interface Leaf {
  readonly check: (value: unknown) => Failure | undefined;
  readonly emitFastCheck?: ((value: string, ref: ConstantRef) => string) | undefined;
  readonly decode?: ((value: unknown) => unknown) | undefined;
  readonly emitDecode?: ((value: string) => string) | undefined;
  readonly encode: (value: unknown) => Encoded<unknown> | Failure;
  /** True when the type encodes its own way; otherwise encoding is checking (and decoding). */
  readonly customEncode: boolean;
}

const cache = new WeakMap<AnyScalarType | AnyEnumType, Leaf>();

function enumLeaf(type: AnyEnumType): Leaf {
  const message = `must be one of: ${type.values.join(', ')}`;
  const set = new Set<unknown>(type.values);
  const check = (value: unknown) => (set.has(value) ? undefined : fail('invalid_enum', message));
  return {
    check,
    emitFastCheck: (v, ref) => `${ref(set)}.has(${v})`,
    encode: (value) => check(value) ?? { value },
    customEncode: false,
  };
}

function scalarLeaf(type: AnyScalarType): Leaf {
  const { check, decode, emitDecode, emitFastCheck, encode } = type.def;
  return {
    check,
    emitFastCheck,
    decode,
    emitDecode,
    encode:
      encode ?? ((value: unknown) => check(value) ?? { value: decode === undefined ? value : decode(value) }),
    customEncode: encode !== undefined,
  };
}

/** The {@link Leaf} of a scalar or enum, built once per type. */
export function leafOf(type: AnyScalarType | AnyEnumType): Leaf {
  let leaf = cache.get(type);
  if (leaf === undefined) {
    leaf = type.kind === 'enum' ? enumLeaf(type) : scalarLeaf(type);
    cache.set(type, leaf);
  }
  return leaf;
}
