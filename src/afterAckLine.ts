// How the app paces the work of requests it acknowledged before handling them (commands and clicks).
import { AfterAckLine } from './slack/afterAck.js';

/**
 * Requests answered early that start being handled per turn of the event loop: fewer while other
 * requests are arriving, so their acks come first, yet enough to fill PHLO's line during a burst's
 * acks; more once they stop. Each start is a millisecond or two of work before its first real I/O,
 * so a turn stays short enough for PHLO's answers to be read promptly. (Measured on the burst bench:
 * one per turn while busy left PHLO's line half empty for the first second.)
 */
const AFTER_ACK_BUSY_PER_TURN = 3;
const AFTER_ACK_IDLE_PER_TURN = 4;
/**
 * While requests arrive, a job whose PHLO request would only join a full round already waiting for
 * PHLO's slots is held, for at most this long: by then the burst's acks are usually all sent, and a
 * floor that never stops sending still gets every action started within it.
 */
const AFTER_ACK_MAX_HOLD_MS = 1000;
/**
 * Started per turn while PHLO's line is full: it takes 50 every 300 ms or so, and the loop turns far
 * more often than that, so one keeps it full, and the turns stay short enough to read PHLO's answers
 * as they come (a slot held longer than PHLO's answer time is throughput lost).
 */
const AFTER_ACK_BACKED_UP_PER_TURN = 1;
/**
 * Jobs running at once, per PHLO request allowed in flight: enough for a full round at PHLO and the
 * next round waiting in its line (with the few before and after PHLO), so PHLO is never left idle.
 */
const AFTER_ACK_RUNNING_PER_PHLO_SLOT = 2;
/** Slack requests count as still coming for this long after the last one arrived. */
export const AFTER_ACK_QUIET_MS = 20;
/** Past this many waiting (some minutes of a floor's peak), requests are acked the ordinary way again. */
const AFTER_ACK_CAPACITY = 5000;

/** The line of requests answered early, paced by the figures above. */
export function afterAckLine(options: {
  phloMaxConcurrency: number;
  /** Whether Slack requests are arriving now. */
  isBusy: () => boolean;
  /** Whether PHLO's own line already holds a full round. */
  isBackedUp: () => boolean;
  onError: (error: unknown) => void;
}): AfterAckLine {
  const pace = {
    busy: AFTER_ACK_BUSY_PER_TURN,
    idle: AFTER_ACK_IDLE_PER_TURN,
    isBusy: options.isBusy,
    isBackedUp: options.isBackedUp,
    backedUp: AFTER_ACK_BACKED_UP_PER_TURN,
    maxHoldMs: AFTER_ACK_MAX_HOLD_MS,
    maxRunning: AFTER_ACK_RUNNING_PER_PHLO_SLOT * options.phloMaxConcurrency,
  };
  return new AfterAckLine(pace, AFTER_ACK_CAPACITY, options.onError);
}
