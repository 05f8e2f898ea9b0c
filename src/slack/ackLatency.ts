import { performance } from 'node:perf_hooks';
import type { Metrics } from '../metrics.js';

/**
 * Records how long Slack waited for our ack. `receivedAt` is on the context (see app.ts): over HTTP it is
 * when the request reached the server (src/http/arrival.ts), so the time its body took to arrive and the
 * time it waited for the event loop count too; in Socket Mode, when Bolt handed over the event. Without
 * it nothing is observed rather than a wrong number.
 */
export function ackLatency(metrics: Metrics, kind: string, context: Record<string, unknown>): void {
  const receivedAt = context.receivedAt;
  if (typeof receivedAt === 'number') {
    metrics.slackAckLatency.observe({ kind }, (performance.now() - receivedAt) / 1000);
  }
}
