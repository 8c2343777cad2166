/**
 * The operations every generated app declares, framework-neutral: name, kind, and input/output
 * fields. Field names carry the op's entity (`order7Id`) so no two ops share a structural type:
 * each app pays for 200 distinct models, as a real app would.
 */

/** A field type the three apps can all express. */
export type FieldKind = 'id' | 'text' | 'count' | 'amount' | 'flag' | 'email';

/** One field of a generated model. */
export interface FieldShape {
  readonly name: string;
  readonly kind: FieldKind;
  readonly optional: boolean;
}

/** One generated operation. */
export interface OpShape {
  readonly index: number;
  /** Group (`domain3`) and member (`op42`): the client is called as `client.domain3.op42(...)`. */
  readonly group: string;
  readonly member: string;
  readonly kind: 'command' | 'query';
  readonly input: readonly FieldShape[];
  readonly output: readonly FieldShape[];
}

const ENTITIES = ['order', 'invoice', 'customer', 'product', 'shipment', 'ticket', 'account', 'payment'];

function fieldsOf(i: number, entity: string, count: number, extra: readonly FieldShape[]): FieldShape[] {
  const base: FieldShape[] = [{ name: `${entity}${i}Id`, kind: 'id', optional: false }];
  return [...base, ...extra].slice(0, count);
}

/** The `count` operations of every app: 4-6 input fields, 4-5 output fields, commands and queries. */
export function opShapes(count: number): OpShape[] {
  return Array.from({ length: count }, (_, i) => {
    const entity = ENTITIES[i % ENTITIES.length] ?? 'item';
    const input = fieldsOf(i, entity, 4 + (i % 3), [
      { name: 'quantity', kind: 'count', optional: false },
      { name: 'note', kind: 'text', optional: true },
      { name: 'urgent', kind: 'flag', optional: false },
      { name: 'contact', kind: 'email', optional: true },
      { name: 'limit', kind: 'amount', optional: true },
    ]);
    const output = fieldsOf(i, entity, 4 + (i % 2), [
      { name: 'status', kind: 'text', optional: false },
      { name: 'total', kind: 'amount', optional: false },
      { name: 'items', kind: 'count', optional: false },
      { name: 'receiptUrl', kind: 'text', optional: true },
    ]);
    return {
      index: i,
      group: `domain${i % 10}`,
      member: `op${i}`,
      kind: i % 2 === 0 ? 'command' : 'query',
      input,
      output,
    };
  });
}

/** A literal value of a field, as TypeScript source (what handlers return and clients send). */
export function sampleValue(field: FieldShape): string {
  switch (field.kind) {
    case 'id':
      return "'x_1'";
    case 'text':
      return "'ok'";
    case 'count':
      return '2';
    case 'amount':
      return '9.5';
    case 'flag':
      return 'true';
    case 'email':
      return "'a@example.com'";
  }
}

/** An object literal with every required field of `fields` (and the first optional one). */
export function sampleObject(fields: readonly FieldShape[]): string {
  const firstOptional = fields.find((f) => f.optional);
  const chosen = fields.filter((f) => !f.optional || f === firstOptional);
  return `{ ${chosen.map((f) => `${f.name}: ${sampleValue(f)}`).join(', ')} }`;
}

/**
 * A use of the inferred output in client code: string, number and string methods on three of its
 * fields, so a wrong inference fails the type-check (every app must check without errors).
 */
export function useOutput(op: OpShape, variable: string): string {
  const id = op.output[0]?.name ?? 'id';
  return `${variable}.${id}.toUpperCase(); ${variable}.total.toFixed(2); ${variable}.status.trim();`;
}
