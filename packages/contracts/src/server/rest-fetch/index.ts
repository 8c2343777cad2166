export { type FetchHandlerOptions, makeFetchHandler } from './handler.js';
