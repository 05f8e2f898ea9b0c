/**
 * Work still running after a listener acked. `app.stop()` only closes the server, so on
 * SIGTERM we wait for these to finish (and be recorded) before exiting.
 */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();

  async run<T>(task: () => Promise<T>): Promise<T> {
    const promise = task();
    this.running.add(promise);
    try {
      return await promise;
    } finally {
      this.running.delete(promise);
    }
  }

  get size(): number {
    return this.running.size;
  }

  /** Resolves when everything started so far has settled. */
  async drain(): Promise<void> {
    while (this.running.size > 0) {
      await Promise.allSettled([...this.running]);
    }
  }
}
