/**
 * Promises kept until they settle, so that stopping can wait for every one of them, including those
 * added while it waits. Shared by the work behind acks, the actions in flight and the card redraws.
 */
export class Pending {
  private readonly promises = new Set<Promise<unknown>>();

  get size(): number {
    return this.promises.size;
  }

  /** Keeps `promise` until it settles (once, however often it is given) and hands it back. */
  track<T>(promise: Promise<T>): Promise<T> {
    if (this.promises.has(promise)) return promise;
    this.promises.add(promise);
    const forget = (): void => { this.promises.delete(promise); };
    promise.then(forget, forget);
    return promise;
  }

  /** Resolves once every promise kept so far, and any kept meanwhile, has settled. */
  async settled(): Promise<void> {
    while (this.promises.size > 0) await Promise.allSettled([...this.promises]);
  }
}
