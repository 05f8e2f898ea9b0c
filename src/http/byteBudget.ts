/**
 * A cap on the bytes held at once by request bodies that are not yet authenticated. Each request reserves
 * what it may buffer before reading a byte and gives it back once its signature is checked, so a flood of
 * unsigned bodies costs at most `capacity` bytes of memory, however many connections carry it.
 */
export interface Reservation {
  /** Gives the bytes back; calling it again does nothing. */
  release(): void;
}

interface Waiter {
  bytes: number;
  grant: (reservation: Reservation | undefined) => void;
}

export class ByteBudget {
  private used = 0;
  private readonly waiting: Waiter[] = [];

  constructor(readonly capacity: number) {}

  get inUse(): number {
    return this.used;
  }

  /**
   * Resolves with a reservation once `bytes` fit, in arrival order, or undefined after `maxWaitMs`.
   * A request waiting here has not been read: its bytes stay in the kernel, not in our heap.
   */
  reserve(bytes: number, maxWaitMs: number): Promise<Reservation | undefined> {
    if (bytes > this.capacity) return Promise.resolve(undefined);
    if (this.waiting.length === 0 && this.used + bytes <= this.capacity) return Promise.resolve(this.take(bytes));
    return new Promise((resolve) => {
      const waiter: Waiter = {
        bytes,
        grant: (reservation) => {
          clearTimeout(timer);
          resolve(reservation);
        },
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(waiter), 1);
        resolve(undefined);
        this.wake();
      }, maxWaitMs);
      this.waiting.push(waiter);
    });
  }

  private take(bytes: number): Reservation {
    this.used += bytes;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.used -= bytes;
        this.wake();
      },
    };
  }

  private wake(): void {
    for (let head = this.waiting[0]; head !== undefined && this.used + head.bytes <= this.capacity; head = this.waiting[0]) {
      this.waiting.shift();
      head.grant(this.take(head.bytes));
    }
  }
}
