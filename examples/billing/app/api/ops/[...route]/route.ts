// app/api/ops/[...route]/route.ts: the tutorial's route, unchanged but for `actor` (admins are
// admins) and `roles`. Also serves /api/ops/openapi.json and the reference page at /api/ops/docs.
import { makeNextAppHandler } from '@lssm/lib.contracts/server/rest-next-app';
import { auth } from '@/lib/auth';
import { registry } from '@/lib/registry';

const handler = makeNextAppHandler(
  registry,
  async (req) => {
    const session = await auth(req);
    return {
      actor: session.role === 'admin' ? 'admin' : 'user',
      userId: session.userId,
      tenantId: session.tenantId,
      roles: session.role === undefined ? [] : [session.role],
    };
  },
  { openapi: { title: 'Billing API', description: 'The billing example: invoices and payments' } },
);

export { handler as GET, handler as POST };
