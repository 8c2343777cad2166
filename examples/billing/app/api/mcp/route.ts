// The same operations as MCP tools (Streamable HTTP, stateless), for agents with a bearer token.
import { makeMcpHandler } from '@lssm/lib.contracts/server/mcp';
import { auth, contextOf } from '@/lib/auth';
import { registry } from '@/lib/registry';

const handler = makeMcpHandler(registry, async (req) => contextOf(await auth(req)));

export { handler as GET, handler as POST, handler as DELETE };
