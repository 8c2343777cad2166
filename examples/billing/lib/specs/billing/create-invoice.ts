import { defineCommand } from '@lssm/lib.contracts';
import { ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';
import { InvoiceCreated } from './events.js';
import { InvoiceView } from './models.js';

/** An admin bills a member of their own tenant. */
export const CreateInvoice = defineCommand({
  meta: {
    name: 'billing.createInvoice',
    version: 1,
    description: 'Bill a member of your organisation (admins)',
    owners: ['team-billing'],
    tags: ['invoices'],
    stability: 'stable',
  },
  io: {
    input: new SchemaModel({
      name: 'CreateInvoiceInput',
      fields: {
        ownerId: { type: ScalarTypeEnum.ID(), isOptional: false, description: 'The member to bill' },
        description: {
          // PostgreSQL text cannot hold NUL: refused here (400), not by the insert (500).
          type: ScalarTypeEnum.NonEmptyString({ maxLength: 200, pattern: '^[^\\u0000]*$' }),
          isOptional: false,
        },
        amount: {
          type: ScalarTypeEnum.Money({ min: 1, max: 99_999_999 }),
          isOptional: false,
          examples: [{ amount: 4990, currency: 'USD' }],
        },
      },
    }),
    output: InvoiceView,
    errors: {
      AMOUNT_NOT_CHARGEABLE: {
        status: 422,
        description:
          'Stripe cannot charge this amount in this currency (three-decimal currencies need a last digit of 0)',
      },
    },
  },
  policy: {
    auth: 'admin',
    rules: [{ resource: 'member', action: 'bill', condition: 'sameTenant' }],
    hideExistence: true,
  },
  events: [InvoiceCreated],
  idempotency: { required: false },
});
