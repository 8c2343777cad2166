import {
  GraphQLBoolean,
  GraphQLError,
  GraphQLFloat,
  GraphQLInputObjectType,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
} from 'graphql';
import { validateByHand } from '../../validation/contenders/hand-written.js';
import { capture, FIELD } from '../wire.js';

/** What the plain GraphQL servers hand the resolver: the user named by the bearer, if any. */
export type PlainContext = { readonly userId: string | undefined };

const requiredString = { type: new GraphQLNonNull(GraphQLString) };

const CapturePaymentInput = new GraphQLInputObjectType({
  name: 'CapturePaymentInput',
  fields: {
    invoiceId: requiredString,
    amount: { type: new GraphQLNonNull(GraphQLFloat) },
    currency: requiredString,
    paymentMethodId: requiredString,
  },
});

const PaymentResult = new GraphQLObjectType({
  name: 'PaymentResult',
  fields: { transactionId: requiredString, status: requiredString, receiptUrl: { type: GraphQLString } },
});

/**
 * The op in plain graphql-js 16, as a peer would write it by hand: an input object type with the
 * four fields, and a resolver doing the bearer check and the hand-written validation (every issue
 * in `extensions.issues`) before the shared handler's work.
 */
export const plainSchema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: { _noQueries: { type: GraphQLBoolean, resolve: () => null } },
  }),
  mutation: new GraphQLObjectType<unknown, PlainContext>({
    name: 'Mutation',
    fields: {
      [FIELD]: {
        type: PaymentResult,
        args: { input: { type: new GraphQLNonNull(CapturePaymentInput) } },
        resolve: (_source, args: { input?: unknown }, context) => {
          if (context.userId === undefined)
            throw new GraphQLError('Authentication is required', { extensions: { code: 'UNAUTHENTICATED' } });
          const valid = validateByHand(args.input);
          if (!valid.ok)
            throw new GraphQLError('The input is invalid', {
              extensions: { code: 'INVALID_INPUT', issues: valid.issues },
            });
          return capture(valid.value as { invoiceId: string }); // checked by validateByHand just above
        },
      },
    },
  }),
});
