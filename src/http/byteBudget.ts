/**
 * A counting semaphore over bytes: a cap on the bytes held at once by request bodies that are not yet
 * authenticated, so a flood of unsigned bodies costs at most `capacity` bytes of memory, however many
 * connections carry it. Each client address may hold at most `share` of it, so a few clients cannot take
 * all the room. Bytes are taken as they arrive (a body that declares 1 MiB and sends 3 KB holds 3 KB) and
 * given back once the body's signature is checked.
 */

/** The bytes one request holds in a budget. */
export interface Hold {
  readonly bytes: number;
  /** Takes `bytes` now if they fit; false otherwise. */
  tryAcquire(bytes: number): boolean;
  /** Resolves true once `bytes` are held, false after `maxWaitMs` without room (or once released). */
  acquire(bytes: number, maxWaitMs: number): Promise<boolean>;
  /** Gives every byte back and ends a wait; calling it again does nothing. */
  release(): void;
}

interface Waiter {
  owner: string;
  bytes: number;
  settle(granted: boolean): void;
}

export class ByteBudget {
  private used = 0;
  private readonly byOwner = new Map<string, number>();
  private readonly waiting = new Set<Waiter>();

  constructor(
    readonly capacity: number,
    readonly share: number,
  ) {}

  get inUse(): number {
    return this.used;
  }

  /** What one request holds, charged to `owner` (its client's address). */
  hold(owner: string): Hold {
    let held = 0;
    let released = false;
    let waiter: Waiter | undefined;
    return {
      get bytes() {
        return held;
      },
      tryAcquire: (bytes) => {
        if (released || !this.take(owner, bytes)) return false;
        held += bytes;
        return true;
      },
      acquire: (bytes, maxWaitMs) => {
        if (released || bytes > this.share || bytes > this.capacity) return Promise.resolve(false);
        if (this.take(owner, bytes)) {
          held += bytes;
          return Promise.resolve(true);
        }
        return new Promise((resolve) => {
          const timer = setTimeout(() => { waiter?.settle(false); }, maxWaitMs);
          const current: Waiter = {
            owner,
            bytes,
            settle: (granted) => {
              clearTimeout(timer);
              this.waiting.delete(current);
              waiter = undefined;
              if (granted) held += bytes;
              resolve(granted);
            },
          };
          waiter = current;
          this.waiting.add(current);
        });
      },
      release: () => {
        if (released) return;
        released = true;
        waiter?.settle(false);
        this.give(owner, held);
        held = 0;
      },
    };
  }

  private take(owner: string, bytes: number): boolean {
    const owned = this.byOwner.get(owner) ?? 0;
    if (this.used + bytes > this.capacity || owned + bytes > this.share) return false;
    this.used += bytes;
    this.byOwner.set(owner, owned + bytes);
    return true;
  }

  private give(owner: string, bytes: number): void {
    if (bytes === 0) return;
    this.used -= bytes;
    const owned = (this.byOwner.get(owner) ?? 0) - bytes;
    if (owned > 0) this.byOwner.set(owner, owned);
    else this.byOwner.delete(owner);
    // In arrival order, every waiter that fits now: one held back by its own share holds up no one else.
    for (const next of this.waiting) {
      if (this.take(next.owner, next.bytes)) next.settle(true);
    }
  }
}
