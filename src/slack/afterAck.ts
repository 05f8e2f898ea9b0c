import { setImmediate } from 'node:timers/promises';
import { Turns } from '../turns.js';
import { Pending } from './pending.js';

/** How fast the line starts its jobs. */
export interface AfterAckPace {
  /** Jobs started per turn of the event loop while Slack requests are arriving (`isBusy`). */
  busy: number;
  /** Jobs started per turn once they stop. */
  idle: number;
  isBusy: () => boolean;
  /**
   * Whether a job started now would only wait further on (PHLO's line already holds a full round of
   * requests). While requests are arriving the line then holds its jobs, each for at most `maxHoldMs`;
   * otherwise it starts `backedUp` per turn, enough to keep that line full.
   */
  isBackedUp: () => boolean;
  backedUp: number;
  maxHoldMs: number;
  /**
   * Jobs running at once, at most. A started job holds far more (its action, PHLO's answer, the reply)
   * than one waiting in the line; when jobs start faster than they finish, only this keeps the
   * difference waiting rather than half done.
   */
  maxRunning: number;
}

/**
 * Work that may wait because Slack already has its answer. Slack gives an app three seconds to
 * acknowledge a request and shows the user an error when it misses them; the work behind an ack (the
 * database, PHLO, the thread reply) has no such clock. In a burst both compete for one event loop, so
 * the line starts its jobs a few per turn of the loop, after the turn has read whatever arrived, and
 * fewer while requests are still arriving: every waiting request is acknowledged first, and the jobs
 * go faster as soon as nothing is waiting. While requests arrive it starts only what PHLO can take
 * soon: a job started early only to wait in PHLO's line would have cost the acks its work for nothing.
 */
export class AfterAckLine {
  private readonly turns: Turns;
  /** Jobs pushed and not yet settled, waiting or running. */
  private readonly pending = new Pending();
  private runningNow = 0;

  constructor(
    pace: AfterAckPace,
    /** Longest line: past it a request is not acknowledged early (see `hasRoom`). */
    private readonly capacity: number,
    private readonly onFailure: (error: unknown) => void,
  ) {
    this.turns = new Turns((oldestWaitedMs) => {
      const room = pace.maxRunning - this.runningNow;
      if (room <= 0) return 0;
      const busy = pace.isBusy();
      if (!pace.isBackedUp()) return Math.min(room, busy ? pace.busy : pace.idle);
      return busy && oldestWaitedMs < pace.maxHoldMs ? 0 : Math.min(room, pace.backedUp);
    });
  }

  /** Jobs started and not yet settled. */
  get running(): number {
    return this.runningNow;
  }

  /** Jobs waiting to start. */
  get size(): number {
    return this.turns.size;
  }

  /** Whether another job fits; a full line means the app is far behind, and acks should slow down with it. */
  hasRoom(): boolean {
    return this.size < this.capacity;
  }

  /**
   * `first`: a job that must start soon whatever is waiting (it opens a modal, whose trigger lasts three
   * seconds). It starts on the next turn, outside the pace and the cap; it is brief and sends nothing to PHLO.
   */
  push(job: () => Promise<void>, first = false): void {
    const run = async (): Promise<void> => {
      this.runningNow += 1;
      try {
        await job();
      } finally {
        this.runningNow -= 1;
      }
    };
    const turn = first ? setImmediate() : this.turns.next();
    void this.pending.track(turn.then(run).then(undefined, this.onFailure));
  }

  /** Resolves once every job pushed so far, and any they push, has run and settled. */
  drain(): Promise<void> {
    return this.pending.settled();
  }
}
