import type { Logger } from '../logger.js';
import { Pending } from './pending.js';

/**
 * Work still running after a listener acked. `app.stop()` only closes the server, so on
 * SIGTERM we wait for these to finish (and be recorded) before exiting.
 */
export class InFlight {
  private readonly running = new Pending();
  private closed = false;

  constructor(private readonly logger?: Logger) {}

  /** Runs `task` and keeps it until it settles; once closed, does not start it (resolves undefined). */
  async run<T>(task: () => Promise<T>): Promise<T | undefined> {
    if (this.closed) {
      // Its connection was closed with the server: the answer never reached Slack, which will send it
      // again, and a late start would run against a store and PHLO client being closed.
      this.logger?.warn('request reached a listener after the connections were closed; not started');
      return undefined;
    }
    return this.running.track(task());
  }

  get size(): number {
    return this.running.size;
  }

  /** Starts nothing more: called once every connection is closed, so nothing later was acknowledged. */
  close(): void {
    this.closed = true;
  }

  /** Resolves when everything started so far has settled. */
  drain(): Promise<void> {
    return this.running.settled();
  }
}
