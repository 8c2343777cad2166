// The same operations as MCP tools (Streamable HTTP, stateless), for agents with a bearer token
// (an API token only: the pages' session cookie is not accepted here).
import { makeMcpHandler } from '@lssm/lib.contracts/server/mcp';
import { bearerAuth, contextOf } from '@/lib/auth';
import { registry } from '@/lib/registry';

const handler = makeMcpHandler(registry, async (req) => contextOf(await bearerAuth(req)));

export { handler as GET, handler as POST, handler as DELETE };
