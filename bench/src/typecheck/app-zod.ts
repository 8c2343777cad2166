import type { FieldKind, FieldShape } from './shapes.js';

const ZOD: Record<FieldKind, string> = {
  id: 'z.string().min(1)',
  text: 'z.string()',
  count: 'z.number().int().positive()',
  amount: 'z.number()',
  flag: 'z.boolean()',
  email: 'z.email()',
};

/** A zod 4 object of the fields, as TypeScript source (oRPC and tRPC apps use it). */
export function zodObject(fields: readonly FieldShape[]): string {
  const lines = fields.map((f) => `  ${f.name}: ${ZOD[f.kind]}${f.optional ? '.optional()' : ''},`);
  return `z.object({\n${lines.join('\n')}\n})`;
}
