import {
  type ASTVisitor,
  GraphQLError,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { DEFAULT_BODY_LIMIT } from '../../index.js';

/** What one GraphQL request may ask for; every limit has a safe default. */
export interface GraphQLLimits {
  /** Largest request body in bytes (default 1 MiB); larger ones get 413 without being read. */
  readonly bodyLimit?: number;
  /** Longest query text in characters (default 16,384); longer ones get 413. */
  readonly maxQueryLength?: number;
  /** Most tokens the parser reads (default 5,000). */
  readonly maxTokens?: number;
  /** Deepest nesting of fields, fragments followed, introspection fields not counted (default 10). */
  readonly maxDepth?: number;
  /** Most aliases in a document (default 30): aliases let one request repeat one field many times. */
  readonly maxAliases?: number;
  /** Most root fields per operation, i.e. pipeline calls per request (default 10). */
  readonly maxRootFields?: number;
}

/** The defaults of {@link GraphQLLimits}. */
export const DEFAULT_GRAPHQL_LIMITS: Required<GraphQLLimits> = Object.freeze({
  bodyLimit: DEFAULT_BODY_LIMIT,
  maxQueryLength: 16_384,
  maxTokens: 5_000,
  maxDepth: 10,
  maxAliases: 30,
  maxRootFields: 10,
});

/**
 * Measures selection sets through fragments, working each fragment out once (so fragments that
 * spread each other many times cost nothing extra) and treating a cycle as empty (graphql-js
 * reports cycles itself).
 */
function measurer(
  context: ValidationContext,
  measure: (set: SelectionSetNode, of: (name: string) => number) => number,
) {
  const known = new Map<string, number>();
  const ofFragment = (name: string): number => {
    const done = known.get(name);
    if (done !== undefined) return done;
    const fragment = context.getFragment(name);
    if (fragment === undefined || fragment === null) return 0;
    known.set(name, 0);
    const value = measure(fragment.selectionSet, ofFragment);
    known.set(name, value);
    return value;
  };
  return (set: SelectionSetNode) => measure(set, ofFragment);
}

function depth(set: SelectionSetNode, ofFragment: (name: string) => number): number {
  let deepest = 0;
  for (const selection of set.selections) {
    let d = 0;
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue; // introspection has graphql-js's own limit
      d = selection.selectionSet === undefined ? 1 : 1 + depth(selection.selectionSet, ofFragment);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      d = depth(selection.selectionSet, ofFragment);
    } else {
      d = ofFragment(selection.name.value);
    }
    if (d > deepest) deepest = d;
  }
  return deepest;
}

function rootFields(set: SelectionSetNode, ofFragment: (name: string) => number): number {
  let count = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) count += selection.name.value.startsWith('__') ? 0 : 1;
    else if (selection.kind === Kind.INLINE_FRAGMENT) count += rootFields(selection.selectionSet, ofFragment);
    else count += ofFragment(selection.name.value);
  }
  return count;
}

/** Refuses operations nested deeper than `max` fields. */
export function depthLimit(max: number): ValidationRule {
  return (context): ASTVisitor => {
    const measure = measurer(context, depth);
    return {
      OperationDefinition(node) {
        const found = measure(node.selectionSet);
        if (found > max)
          context.reportError(
            new GraphQLError(`The query is nested ${found} levels deep; at most ${max} are allowed`, {
              nodes: node,
            }),
          );
      },
    };
  };
}

/** Refuses operations with more than `max` root fields (each one runs an operation). */
export function rootFieldLimit(max: number): ValidationRule {
  return (context): ASTVisitor => {
    const measure = measurer(context, rootFields);
    return {
      OperationDefinition(node) {
        const found = measure(node.selectionSet);
        if (found > max)
          context.reportError(
            new GraphQLError(`The operation asks for ${found} root fields; at most ${max} are allowed`, {
              nodes: node,
            }),
          );
      },
    };
  };
}

/** Refuses documents with more than `max` aliases. */
export function aliasLimit(max: number): ValidationRule {
  return (context): ASTVisitor => {
    let count = 0;
    return {
      Field(node) {
        if (node.alias !== undefined && ++count === max + 1)
          context.reportError(
            new GraphQLError(`The document uses more than ${max} aliases`, { nodes: node }),
          );
      },
    };
  };
}
