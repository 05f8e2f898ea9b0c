import type { Logger } from '../logger.js';
import type { Store } from '../store/index.js';
import type { Handler } from './router.js';
import { sendJson } from './responses.js';

/** `GET /healthz`: 200 while the store answers, 503 when it does not (a load balancer then looks elsewhere). */
export function healthCheck(store: Store, logger: Logger): Handler {
  return (_req, res) => {
    store.ping().then(
      () => { sendJson(res, 200, { status: 'ok' }); },
      (error: unknown) => {
        logger.warn({ err: error }, 'health check: store unreachable');
        sendJson(res, 503, { status: 'store unreachable' });
      },
    );
  };
}
