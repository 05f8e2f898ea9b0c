import type { IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';

/**
 * When each request reached the server (its headers parsed), so the ack latency includes the time the
 * body took to arrive and the time the request waited in the event loop, not only the listener's own.
 */
const arrivals = new WeakMap<IncomingMessage, number>();

export function stampArrival(req: IncomingMessage): void {
  arrivals.set(req, performance.now());
}

/** `performance.now()` at arrival; undefined for a request the server did not stamp. */
export function arrivalOf(req: IncomingMessage): number | undefined {
  return arrivals.get(req);
}
