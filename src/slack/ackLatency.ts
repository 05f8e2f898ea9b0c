import { performance } from 'node:perf_hooks';
import type { Metrics } from '../metrics.js';

/**
 * Records how long Slack waited for our ack. `receivedAt` is on the context (see app.ts): over HTTP it is
 * when the request reached the server (src/http/arrival.ts), so the time its body took to arrive and the
 * time it waited for the event loop count too; in Socket Mode, when Bolt handed over the event. Without
 * it nothing is observed rather than a wrong number.
 */
export function ackLatency(metrics: Metrics, kind: string, context: Record<string, unknown>): void {
  const { receivedAt, ackedAt } = context;
  if (typeof receivedAt === 'number') {
    // A request the receiver answered before Bolt saw it (src/http/boltReceiver.ts) was acked then.
    const acked = typeof ackedAt === 'number' ? ackedAt : performance.now();
    metrics.slackAckLatency.observe({ kind }, (acked - receivedAt) / 1000);
  }
}
