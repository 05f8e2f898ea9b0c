import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { createRouter, type Handler } from './router.js';
import { send } from './responses.js';
import { createHttpServer, type HttpServer } from './server.js';

/** Prometheus' `/metrics` on a listener of its own, so the port Slack reaches never exposes it. */
export async function startMetricsServer(options: {
  metrics: Metrics;
  logger: Logger;
  host: string;
  port: number;
}): Promise<{ port: number; http: HttpServer }> {
  const { metrics } = options;
  const serve: Handler = (_req, res) => {
    metrics.registry.metrics().then(
      (text) => { send(res, 200, text, { 'content-type': metrics.registry.contentType }); },
      (error: unknown) => {
        options.logger.warn({ err: error }, 'metrics unavailable');
        send(res, 500, 'metrics unavailable');
      },
    );
  };
  const http = createHttpServer(
    createRouter({ routes: [{ path: '/metrics', methods: { GET: serve, HEAD: serve } }], logger: options.logger }),
  );
  const port = await http.listen(options.host, options.port);
  return { port, http };
}
