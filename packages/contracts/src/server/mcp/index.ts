export { type McpCaller, McpDispatcher, type McpOptions } from './dispatch.js';
export { type McpHandlerOptions, makeMcpHandler } from './fetch-handler.js';
export {
  answerMcpHttp,
  handleMcpHttp,
  type McpHttpAnswer,
  type McpHttpOptions,
  type McpHttpRequest,
  type McpHttpResponder,
} from './http.js';
export { createMcpNodeHandler } from './node-handler.js';
export { PROTOCOL_VERSIONS, type RpcErrorObject, type RpcReply } from './protocol.js';
export { type StdioOptions, type StdioServer, serveStdio } from './stdio.js';
export type { McpReplyReceiver } from './tool-call.js';
export { ToolCatalog } from './tool-catalog.js';
export { MAX_TOOL_NAME_LENGTH, parseToolName, toolName } from './tool-names.js';
export { REPLAYED_META_KEY } from './tool-result.js';
export type { ObjectJsonSchema } from './tool-schemas.js';
