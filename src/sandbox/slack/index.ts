export { startSlackStandIn } from './server.js';
export { SlackStore } from './store.js';
export { newTriggerId, postSigned, sign, type PostedResponse, type PostSignedOptions } from './signing.js';
export type * from './types.js';
export type * from './standIn.js';
export type { FunctionExecution, StartedFunction, StartFunctionOptions } from './functions.js';
