// The same operations over GraphQL: queries and mutations, same policy, validation and audit.
import { makeGraphQLHandler } from '@lssm/lib.contracts/server/graphql';
import { auth, contextOf } from '@/lib/auth';
import { registry } from '@/lib/registry';

// Introspection stays on in production here: the schema is the public contract of a demo API.
const handler = makeGraphQLHandler(registry, async (req) => contextOf(await auth(req)), {
  path: '/api/graphql',
  introspection: true,
});

export { handler as GET, handler as POST };
