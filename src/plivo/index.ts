/** The PHLO HTTP layer: a typed client over undici. Knows HTTP and PHLO, nothing of Slack. */
export { PhloClient } from './client.js';
export type { Answered, MultiPartyCallUpdate, PhloClientOptions } from './client.js';
export type { CallAction, HttpMethod, MemberAction, MemberRole, PhloOperation, PhloRequestEvent } from './types.js';
export {
  PhloBadRequestError,
  PhloClientConfigError,
  PhloConnectionError,
  PhloError,
  PhloInvalidArgumentError,
  PhloInvalidResponseError,
  PhloMethodNotAllowedError,
  PhloNotFoundError,
  PhloRateLimitedError,
  PhloServerError,
  PhloTimeoutError,
  PhloUnauthorizedError,
  PhloUnexpectedStatusError,
  PhloUnreadableReplyError,
} from './errors.js';
export type { PhloErrorContext } from './errors.js';
export { MultiPartyCallNode, PhloActionResult, PhloDetails, PhloRun, PhloRunStarted } from './schemas.js';
export { encodePathSegment } from './path.js';
export { DEFAULT_RETRY } from './retry.js';
export type { RetryPolicy } from './retry.js';
