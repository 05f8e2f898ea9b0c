/** The benchmark's side of the world process (bench/lib/worldProcess.ts): start it, ask it, stop it. */
import { fork, type ChildProcess } from 'node:child_process';

export type WorldRequest =
  | { op: 'info' }
  | { op: 'latency'; ms: number }
  | { op: 'seed'; members: string[] }
  | { op: 'releaseHolds' }
  | { op: 'faults'; perSecond: number }
  | { op: 'summary' }
  | { op: 'buttons'; limit: number }
  | { op: 'reset' }
  | { op: 'close' };

export interface WorldSummary {
  /** Slack Web API calls by method: answered ok, or failed. */
  calls: Record<string, { ok: number; failed: number }>;
  /** When each thread reply reached Slack (ms since the epoch), in arrival order. */
  replyTimes: number[];
  /**
   * When each answer to the asker reached Slack, sorted: thread replies, and the private answers the
   * app sends instead when it cannot post in the thread (chat.postEphemeral, response_url).
   */
  answerTimes: number[];
  /** Top-level posts that start no thread: answers in the channel, such as /phlo history. */
  channelPosts: number;
  /** Posts to response_url. */
  responses: number;
  /** Requests the PHLO simulator received. */
  phloRequests: number;
}

/** A button on a thread reply, with what a click on it sends. */
export interface WorldButton {
  actionId: string;
  value: string;
  messageTs: string;
  threadTs: string;
}

export interface World {
  pid: number;
  slackApiUrl: string;
  phloUrl: string;
  responseUrl: string;
  setLatency(ms: number): Promise<void>;
  seed(members: string[]): Promise<void>;
  /**
   * Takes every member on hold off it, straight at the simulator: a burst of holds then asks PHLO for
   * what its reference documents (holding someone on the call), not for a hold of someone already held,
   * which it does not describe. Answers how many were released.
   */
  releaseHolds(): Promise<number>;
  faults(perSecond: number): Promise<void>;
  summary(): Promise<WorldSummary>;
  buttons(limit: number): Promise<WorldButton[]>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  const child: ChildProcess = fork(new URL('./worldProcess.ts', import.meta.url).pathname, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let seq = 0;
  const ready = new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => { reject(new Error(`the world process exited (${String(code)})`)); });
    child.on('message', (raw: { ready?: boolean; id?: number; result?: unknown; error?: string }) => {
      if (raw.ready === true) { resolve(); return; }
      const waiter = raw.id === undefined ? undefined : pending.get(raw.id);
      if (waiter === undefined || raw.id === undefined) return;
      pending.delete(raw.id);
      if (raw.error !== undefined) waiter.reject(new Error(raw.error));
      else waiter.resolve(raw.result);
    });
  });
  await ready;
  const ask = <T>(request: WorldRequest): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      seq += 1;
      pending.set(seq, { resolve: (v) => { resolve(v as T); }, reject });
      child.send({ id: seq, request });
    });
  const info = await ask<{ slackApiUrl: string; phloUrl: string; responseUrl: string }>({ op: 'info' });
  if (child.pid === undefined) throw new Error('the world process has no pid');
  return {
    pid: child.pid,
    ...info,
    setLatency: (ms) => ask({ op: 'latency', ms }),
    seed: (members) => ask({ op: 'seed', members }),
    releaseHolds: () => ask<number>({ op: 'releaseHolds' }),
    faults: (perSecond) => ask({ op: 'faults', perSecond }),
    summary: () => ask<WorldSummary>({ op: 'summary' }),
    buttons: (limit) => ask<WorldButton[]>({ op: 'buttons', limit }),
    reset: () => ask({ op: 'reset' }),
    close: async () => {
      const exited = new Promise<void>((resolve) => child.once('exit', () => { resolve(); }));
      await ask({ op: 'close' }).catch(() => undefined);
      await exited;
    },
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the world has seen `count` answers (thread replies or private answers) since its last
 * reset, or until the timeout; returns what it saw either way (the caller reports a shortfall).
 */
export async function waitForAnswers(world: World, count: number, timeoutMs: number): Promise<WorldSummary> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const summary = await world.summary();
    if (summary.answerTimes.length >= count || Date.now() > deadline) return summary;
    await sleep(100);
  }
}
