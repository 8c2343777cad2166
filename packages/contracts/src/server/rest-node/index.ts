export { createNodeHandler } from './handler.js';
