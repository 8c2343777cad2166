import { defineQuery } from '@lssm/lib.contracts';
import { ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';
import { InvoiceStatus, InvoiceView } from './models.js';

/** Lists invoices: a member sees their own, an admin every invoice of their tenant. */
export const ListInvoices = defineQuery({
  meta: {
    name: 'billing.listInvoices',
    version: 1,
    description: "List invoices: your own, or (admins) your organisation's",
    owners: ['team-billing'],
    tags: ['invoices'],
    stability: 'stable',
  },
  io: {
    input: new SchemaModel({
      name: 'ListInvoicesInput',
      fields: {
        status: { type: InvoiceStatus, isOptional: true },
        limit: { type: ScalarTypeEnum.PositiveInt({ max: 100 }), isOptional: true, default: 50 },
      },
    }),
    output: new SchemaModel({
      name: 'InvoiceList',
      fields: { invoices: { type: InvoiceView, isOptional: false, isArray: true, maxItems: 100 } },
    }),
  },
  policy: { auth: 'user' },
});
