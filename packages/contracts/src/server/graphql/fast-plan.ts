import {
  type GraphQLInputType,
  type GraphQLSchema,
  getLocation,
  isInputType,
  isNonNullType,
  Kind,
  type OperationDefinitionNode,
  type SourceLocation,
  typeFromAST,
  type VariableDefinitionNode,
} from 'graphql';
import { compileInputCheck, type InputCheck } from './input-check.js';
import type { OperationTarget } from './operation-call.js';
import { operationTargetOf } from './resolve.js';
import { locationsOf, type OutputPlan, outputPlan } from './selection-plan.js';

/** The `$variable` an operation passes as its field's `input` argument. */
export interface InputVariable {
  readonly name: string;
  readonly definition: VariableDefinitionNode;
  readonly type: GraphQLInputType;
  /** Where the variable is defined in the query (its coercion errors point there). */
  readonly locations: readonly SourceLocation[];
  readonly required: boolean;
  /** Whether a raw value can skip graphql-js's coercion; `undefined`: it never can. */
  readonly check: InputCheck | undefined;
}

/**
 * A validated operation that runs without graphql-js's `execute`: exactly one root field of ours,
 * whose `input` is one variable (or absent), selecting plain fields. The pipeline runs on the
 * variable's value and the output is completed by {@link OutputPlan}, exactly as graphql-js would.
 */
export interface FastPlan {
  /** The schema the plan was made for (its document's). */
  readonly schema: GraphQLSchema;
  readonly key: string;
  readonly locations: readonly SourceLocation[];
  readonly target: OperationTarget;
  readonly output: OutputPlan;
  readonly variable: InputVariable | undefined;
}

const plans = new WeakMap<OperationDefinitionNode, FastPlan | null>();

/** The fast plan of a validated operation (worked out once per cached document), or `undefined`. */
export function fastPlanOf(schema: GraphQLSchema, operation: OperationDefinitionNode): FastPlan | undefined {
  let plan = plans.get(operation);
  if (plan === undefined) {
    plan = makePlan(schema, operation) ?? null;
    plans.set(operation, plan);
  }
  return plan ?? undefined;
}

function inputVariable(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
): InputVariable | undefined | false {
  const field = operation.selectionSet.selections[0];
  const args = field?.kind === Kind.FIELD ? (field.arguments ?? []) : [];
  const defs = operation.variableDefinitions ?? [];
  if (args.length === 0) return defs.length === 0 ? undefined : false;
  const arg = args[0];
  const definition = defs[0];
  if (
    args.length !== 1 ||
    defs.length !== 1 ||
    arg?.name.value !== 'input' ||
    arg.value.kind !== Kind.VARIABLE ||
    definition === undefined ||
    definition.variable.name.value !== arg.value.name.value ||
    definition.defaultValue !== undefined ||
    (definition.directives?.length ?? 0) > 0
  )
    return false;
  const type = typeFromAST(schema, definition.type);
  if (type === undefined || !isInputType(type)) return false;
  return {
    name: definition.variable.name.value,
    definition,
    type,
    locations: definition.loc === undefined ? [] : [getLocation(definition.loc.source, definition.loc.start)],
    required: isNonNullType(type),
    check: compileInputCheck(type),
  };
}

function makePlan(schema: GraphQLSchema, operation: OperationDefinitionNode): FastPlan | undefined {
  if (operation.operation === 'subscription' || (operation.directives?.length ?? 0) > 0) return undefined;
  const root = schema.getRootType(operation.operation);
  const selections = operation.selectionSet.selections;
  const node = selections[0];
  if (root === null || root === undefined || selections.length !== 1 || node?.kind !== Kind.FIELD)
    return undefined;
  if ((node.directives?.length ?? 0) > 0) return undefined;
  const def = root.getFields()[node.name.value];
  const target = operationTargetOf(def?.resolve);
  if (def === undefined || target === undefined || isNonNullType(def.type)) return undefined;
  const output = outputPlan(def.type, node.selectionSet);
  const variable = inputVariable(schema, operation);
  if (output === undefined || variable === false) return undefined;
  return {
    schema,
    key: node.alias?.value ?? node.name.value,
    locations: locationsOf(node),
    target,
    output,
    variable,
  };
}
