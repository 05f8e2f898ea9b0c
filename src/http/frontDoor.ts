import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { Store } from '../store/index.js';
import { ByteBudget } from './byteBudget.js';
import { healthCheck, type HealthProbe } from './health.js';
import { startMetricsServer } from './metricsServer.js';
import { createRouter, type ExtraRoute, type Route } from './router.js';
import { createHttpServer } from './server.js';
import type { RequestsInProgress } from './inProgress.js';
import { slackEvents, UNVERIFIED_BUDGET, UNVERIFIED_SHARE_PER_ADDRESS, type SlackDispatch } from './slackEvents.js';

export interface FrontDoorOptions {
  host: string;
  port: number;
  /** undefined: no metrics listener; 0: a free port. */
  metricsPort: number | undefined;
  store: Store;
  metrics: Metrics;
  logger: Logger;
  /** HTTP mode: the signing secret and where verified requests go; absent in Socket Mode. */
  slack?: { signingSecret: string; dispatch: SlackDispatch; inProgress?: RequestsInProgress };
  extraRoutes?: ExtraRoute[];
  /** What else /healthz asks besides the store. */
  healthProbes?: HealthProbe[];
}

export interface FrontDoor {
  port: number;
  metricsPort: number | undefined;
  /** Takes no more connections; requests in progress go on. */
  stopAccepting(): void;
  /** Gives requests in progress up to `graceMs`, then closes every connection left, on both listeners. */
  close(graceMs: number): Promise<void>;
}

/** The app's listeners: the main port (Slack, /healthz, routes of others) and the metrics port. */
export async function startFrontDoor(options: FrontDoorOptions): Promise<FrontDoor> {
  const { logger } = options;
  const health = healthCheck(options.store, logger, options.healthProbes);
  // HEAD answers like GET (without the body): some load balancers probe with HEAD.
  const routes: Route[] = [{ path: '/healthz', methods: { GET: health, HEAD: health } }];
  if (options.slack !== undefined) {
    const budget = new ByteBudget(UNVERIFIED_BUDGET, UNVERIFIED_SHARE_PER_ADDRESS);
    const post = slackEvents({ ...options.slack, budget, logger, metrics: options.metrics });
    routes.push({ path: '/slack/events', methods: { POST: post } });
  }
  const main = createHttpServer(createRouter({ routes, extraRoutes: options.extraRoutes ?? [], logger }));
  const port = await main.listen(options.host, options.port);
  const metrics =
    options.metricsPort === undefined
      ? undefined
      : await startMetricsServer({ metrics: options.metrics, logger, host: options.host, port: options.metricsPort }).catch(
          async (error: unknown) => {
            main.stopAccepting();
            await main.close(0);
            throw error;
          },
        );
  return {
    port,
    metricsPort: metrics?.port,
    stopAccepting: () => {
      main.stopAccepting();
      metrics?.http.stopAccepting();
    },
    close: async (graceMs) => {
      await Promise.all([main.close(graceMs), metrics?.http.close(0)]);
    },
  };
}
