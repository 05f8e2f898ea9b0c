import { performance } from 'node:perf_hooks';
import type { Metrics } from '../metrics.js';

/**
 * Records how long Slack waited for our ack. The receiver stamps `receivedAt` on the context
 * (see app.ts); without it (Socket Mode) nothing is observed rather than a wrong number.
 */
export function ackLatency(metrics: Metrics, kind: string, context: Record<string, unknown>): void {
  const receivedAt = context.receivedAt;
  if (typeof receivedAt === 'number') {
    metrics.slackAckLatency.observe({ kind }, (performance.now() - receivedAt) / 1000);
  }
}
