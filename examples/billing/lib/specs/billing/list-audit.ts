import { defineQuery } from '@lssm/lib.contracts';
import { ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';

const AuditEntry = new SchemaModel({
  name: 'AuditEntry',
  fields: {
    seq: { type: ScalarTypeEnum.PositiveInt(), isOptional: false },
    at: { type: ScalarTypeEnum.DateTime(), isOptional: false },
    requestId: { type: ScalarTypeEnum.String(), isOptional: false },
    transport: { type: ScalarTypeEnum.String(), isOptional: false },
    operation: { type: ScalarTypeEnum.String(), isOptional: false },
    actor: { type: ScalarTypeEnum.String(), isOptional: false },
    outcome: { type: ScalarTypeEnum.String(), isOptional: false },
    errorCode: { type: ScalarTypeEnum.String(), isOptional: true },
    decision: { type: ScalarTypeEnum.String(), isOptional: true },
    input: { type: ScalarTypeEnum.JSON(), isOptional: true },
    events: { type: ScalarTypeEnum.String(), isOptional: true, isArray: true },
    durationMs: { type: ScalarTypeEnum.NonNegativeInt(), isOptional: false },
  },
});

/** The audit trail of the admin's tenant, newest first, and whether the hash chain is intact. */
export const ListAudit = defineQuery({
  meta: {
    name: 'billing.listAudit',
    version: 1,
    description: "Your organisation's audit trail, newest first (admins)",
    owners: ['team-billing'],
    tags: ['audit'],
    stability: 'stable',
  },
  io: {
    input: new SchemaModel({
      name: 'ListAuditInput',
      fields: { limit: { type: ScalarTypeEnum.PositiveInt({ max: 500 }), isOptional: true, default: 100 } },
    }),
    output: new SchemaModel({
      name: 'AuditTrail',
      fields: {
        chainIntact: { type: ScalarTypeEnum.Boolean(), isOptional: false },
        chainLength: { type: ScalarTypeEnum.NonNegativeInt(), isOptional: false },
        entries: { type: AuditEntry, isOptional: false, isArray: true, maxItems: 500 },
      },
    }),
  },
  policy: { auth: 'admin' },
});
