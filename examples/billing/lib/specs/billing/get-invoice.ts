import { defineQuery } from '@lssm/lib.contracts';
import { SchemaModel } from '@lssm/lib.schema';
import { InvoiceView, invoiceId } from './models.js';

/** One invoice with its latest payment attempt. Another tenant's invoices do not exist. */
export const GetInvoice = defineQuery({
  meta: {
    name: 'billing.getInvoice',
    version: 1,
    description: 'Get an invoice and where its payment stands',
    owners: ['team-billing'],
    tags: ['invoices'],
    stability: 'stable',
  },
  io: {
    input: new SchemaModel({
      name: 'GetInvoiceInput',
      fields: { invoiceId: { type: invoiceId(), isOptional: false } },
    }),
    output: InvoiceView,
  },
  policy: {
    auth: 'user',
    rules: [
      {
        resource: 'invoice',
        action: 'read',
        condition: { anyOf: ['owner', { allOf: ['admin', 'sameTenant'] }] },
      },
    ],
    hideExistence: true,
  },
});
