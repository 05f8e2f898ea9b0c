// Waiting helpers for tests. Prefer the event-driven `WaitList` (used by the fakes); `waitFor` polls and is
// for the rare case where nothing announces the change (a file on disk, a row in a database).

export interface WaitForOptions {
  timeoutMs?: number;
  intervalMs?: number;
  message?: string;
}

/**
 * Polls `fn` until it returns something other than `undefined`, `null` or `false`, and resolves with it.
 * A throw counts as "not yet" (so `expect(...)` can sit inside `fn`); the last error is quoted on timeout.
 */
export async function waitFor<T>(
  fn: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  options: WaitForOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const intervalMs = options.intervalMs ?? 20;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value !== undefined && value !== null && value !== false) return value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const what = options.message ?? 'condition';
      const cause = lastError === undefined ? '' : `; last error: ${describeError(lastError)}`;
      throw new Error(`waitFor: ${what} not met within ${timeoutMs} ms${cause}`, { cause: lastError });
    }
    await sleep(Math.min(intervalMs, Math.max(1, deadline - Date.now())));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

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
