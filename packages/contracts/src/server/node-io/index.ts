// Node plumbing shared by the node:http adapters (REST, GraphQL, MCP). Not an adapter and not a
// public entry: it imports only the core's public entry, and adapters may import it.
export { clientGoneSignal } from './client-gone.js';
export { NodeRequest } from './node-request.js';
export { readNodeBody } from './read-body.js';
export { writeNodeAnswer } from './write-answer.js';
