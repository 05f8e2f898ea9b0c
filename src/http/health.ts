import type { Logger } from '../logger.js';
import { StoreNotWritableError, type Store } from '../store/index.js';
import type { Handler } from './router.js';
import { sendJson } from './responses.js';

type Health = [status: 200 | 503, body: Record<string, string>];

/** Another part the app cannot work without (the Socket Mode connection): asked on every probe, synchronously. */
export type HealthProbe = () => { ok: true } | { ok: false; reason: string };

/**
 * `GET /healthz`: 200 while the store answers and takes writes, 503 when it does not (a load balancer
 * then looks elsewhere). A database that answers reads but refuses writes (a full disk, a read-only
 * server) cannot record a single action, so it is no healthier than one that is down.
 */
export function healthCheck(store: Store, logger: Logger, probes: readonly HealthProbe[] = []): Handler {
  return (_req, res) => {
    for (const probe of probes) {
      const health = probe();
      if (!health.ok) {
        sendJson(res, 503, { status: 'unhealthy', reason: health.reason });
        return;
      }
    }
    void healthOf(store, logger).then(([status, body]) => { sendJson(res, status, body); });
  };
}

/** Never rejects: every failure is an answer. */
async function healthOf(store: Store, logger: Logger): Promise<Health> {
  try {
    await store.ping();
  } catch (error) {
    logger.warn({ err: error }, 'health check: store unreachable');
    return [503, { status: 'store unreachable' }];
  }
  try {
    await store.writable();
  } catch (error) {
    logger.warn({ err: error }, 'health check: store cannot write');
    if (!(error instanceof StoreNotWritableError)) return [503, { status: 'store cannot write' }];
    return [503, { status: 'store cannot write', reason: error.reason, since: error.since.toISOString() }];
  }
  return [200, { status: 'ok' }];
}
