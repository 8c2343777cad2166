import {
  type FieldNode,
  type GraphQLLeafType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  GraphQLString,
  getLocation,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type SelectionSetNode,
  type SourceLocation,
} from 'graphql';

/** How one output value is completed: the same steps graphql-js's `completeValue` takes. */
export type OutputPlan =
  | { readonly kind: 'nonNull'; readonly of: OutputPlan }
  | { readonly kind: 'list'; readonly of: OutputPlan }
  | { readonly kind: 'leaf'; readonly type: GraphQLLeafType }
  | { readonly kind: 'object'; readonly fields: readonly FieldPlan[] };

/** One selected field: its response key (alias or name), what it reads, and where it is in the query. */
export interface FieldPlan {
  readonly key: string;
  /** The field read from the source object; `undefined` for `__typename`. */
  readonly name: string | undefined;
  /** The object type's name, answered for `__typename`. */
  readonly typeName: string;
  readonly locations: readonly SourceLocation[];
  readonly output: OutputPlan;
}

/** Where a field node is in the query text, as GraphQL errors report it. */
export function locationsOf(node: FieldNode): SourceLocation[] {
  return node.loc === undefined ? [] : [getLocation(node.loc.source, node.loc.start)];
}

/**
 * The plan of a field's selection, when it is only plain fields (aliases and `__typename`
 * allowed; no fragments, directives, arguments or repeated response keys, which graphql-js merges
 * or evaluates); `undefined` otherwise, and the document then runs through graphql-js.
 */
export function outputPlan(
  type: GraphQLOutputType,
  set: SelectionSetNode | undefined,
): OutputPlan | undefined {
  if (isNonNullType(type)) {
    const of = outputPlan(type.ofType, set);
    return of === undefined ? undefined : { kind: 'nonNull', of };
  }
  if (isListType(type)) {
    const of = outputPlan(type.ofType, set);
    return of === undefined ? undefined : { kind: 'list', of };
  }
  if (isLeafType(type)) return set === undefined ? { kind: 'leaf', type } : undefined;
  if (isObjectType(type) && set !== undefined && type.isTypeOf === undefined) return objectPlan(type, set);
  return undefined;
}

function objectPlan(type: GraphQLObjectType, set: SelectionSetNode): OutputPlan | undefined {
  const fields: FieldPlan[] = [];
  const keys = new Set<string>();
  const defs = type.getFields();
  for (const node of set.selections) {
    if (node.kind !== Kind.FIELD || (node.directives?.length ?? 0) > 0 || (node.arguments?.length ?? 0) > 0)
      return undefined;
    const key = node.alias?.value ?? node.name.value;
    if (keys.has(key)) return undefined;
    keys.add(key);
    const name = node.name.value;
    const locations = locationsOf(node);
    if (name === '__typename') {
      if (node.selectionSet !== undefined) return undefined;
      fields.push({ key, name: undefined, typeName: type.name, locations, output: TYPENAME });
      continue;
    }
    const def = defs[name];
    if (def === undefined || def.resolve !== undefined) return undefined;
    const output = outputPlan(def.type, node.selectionSet);
    if (output === undefined) return undefined;
    fields.push({ key, name, typeName: type.name, locations, output });
  }
  return { kind: 'object', fields };
}

/** `__typename`: a `String!` answered with the object type's name. */
const TYPENAME: OutputPlan = { kind: 'nonNull', of: { kind: 'leaf', type: GraphQLString } };
