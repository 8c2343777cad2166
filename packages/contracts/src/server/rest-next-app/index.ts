export {
  makeNextAppHandler,
  type NextAppHandlerOptions,
  type NextAppRequest,
  type NextRouteContext,
} from './handler.js';
