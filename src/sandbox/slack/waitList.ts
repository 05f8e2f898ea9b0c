// Recorded items with waiters: the Slack stand-in records calls here so tests can await them.

interface Waiter<T> {
  matches: (item: T) => boolean;
  resolve: (item: T) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Records items and lets callers wait for the first one matching a predicate, whether it arrived already
 * or arrives later. Nothing polls: `push` settles the waiters it satisfies.
 */
export class WaitList<T> {
  readonly items: T[] = [];
  private readonly waiters = new Set<Waiter<T>>();

  push(item: T): void {
    this.items.push(item);
    for (const waiter of [...this.waiters]) {
      let matched = false;
      try {
        matched = waiter.matches(item);
      } catch {
        // A predicate that throws on an unrelated item simply does not match it.
      }
      if (matched) {
        this.waiters.delete(waiter);
        clearTimeout(waiter.timer);
        waiter.resolve(item);
      }
    }
  }

  /** Resolves with the first recorded or future item matching `matches`; rejects after `timeoutMs`. */
  waitFor(matches: (item: T) => boolean, timeoutMs: number, describeTimeout: () => string): Promise<T> {
    const found = this.items.find((item) => safeMatch(matches, item));
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        matches,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(new Error(describeTimeout()));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  /** Forgets recorded items; pending waiters keep waiting for new ones. */
  clear(): void {
    this.items.length = 0;
  }

  /** Rejects every pending waiter (used when a fake shuts down). */
  rejectAll(reason: string): void {
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error(reason));
    }
    this.waiters.clear();
  }
}

function safeMatch<T>(matches: (item: T) => boolean, item: T): boolean {
  try {
    return matches(item);
  } catch {
    return false;
  }
}
