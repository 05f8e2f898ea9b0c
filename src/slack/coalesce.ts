import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Runs a task once for every burst of requests with the same key: while one run is in progress, any
 * number of later requests share a single further run, started when the current one ends and no
 * sooner than `minGapMs` after the current one started. A run reads the latest state when it starts,
 * so the last run of a burst shows everything asked for before it. Each request's promise settles
 * when a run that started after the request ends.
 */
export class Coalescer {
  private readonly slots = new Map<string, Slot>();
  /** When each key's last run started, kept for `minGapMs` after its slot is gone. */
  private readonly lastStarted = new Map<string, number>();

  constructor(private readonly minGapMs = 0) {}

  run(key: string, task: () => Promise<void>): Promise<void> {
    const existing = this.slots.get(key);
    if (existing?.queued !== undefined) return existing.queued;
    const slot: Slot = existing ?? { tail: Promise.resolve(), runs: 0 };
    this.slots.set(key, slot);
    slot.runs += 1;
    const queued = slot.tail.then(async () => {
      // Requests made while it waits join it: they are all shown by the one run.
      const wait = (this.lastStarted.get(key) ?? Number.NEGATIVE_INFINITY) + this.minGapMs - performance.now();
      if (wait > 0) await sleep(Math.ceil(wait));
      // Started: it may already have read its state, so a request from now on needs a run of its own.
      slot.queued = undefined;
      if (this.minGapMs > 0) this.lastStarted.set(key, performance.now());
      try {
        await task();
      } finally {
        slot.runs -= 1;
        if (slot.runs === 0) this.forget(key);
      }
    });
    slot.queued = queued;
    slot.tail = queued.catch(() => undefined);
    return queued;
  }

  private forget(key: string): void {
    this.slots.delete(key);
    if (this.minGapMs <= 0) return;
    setTimeout(() => {
      if (!this.slots.has(key)) this.lastStarted.delete(key);
    }, this.minGapMs).unref();
  }

  /** Keys with a run in progress or queued. */
  get size(): number {
    return this.slots.size;
  }
}

interface Slot {
  /** The run not started yet, which new requests join. */
  queued?: Promise<void> | undefined;
  /** The last run, settled either way: the next one starts after it. */
  tail: Promise<void>;
  /** Runs started or queued and not yet ended. */
  runs: number;
}
