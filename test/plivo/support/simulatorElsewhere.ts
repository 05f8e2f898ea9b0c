/**
 * The PHLO simulator in a child process, and a way to block this process's event loop until that
 * simulator has answered: what a busy app does to answers that come back while it computes.
 */
import { fork } from 'node:child_process';
import diagnosticsChannel from 'node:diagnostics_channel';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export interface SimulatorElsewhere {
  url: string;
  /** Requests the simulator has answered so far, read synchronously (it works while this process is blocked). */
  answered(): number;
  close(): Promise<void>;
}

export async function startSimulatorElsewhere(): Promise<SimulatorElsewhere> {
  const dir = mkdtempSync(join(tmpdir(), 'phlo-sim-'));
  const countFile = join(dir, 'answered');
  const child = fork(new URL('./simulatorProcess.ts', import.meta.url).pathname, [countFile], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message: { url: string }) => { resolve(message.url); });
    child.once('exit', (code) => { reject(new Error(`the simulator process exited (${String(code)})`)); });
  });
  return {
    url,
    answered() {
      try {
        return Number(readFileSync(countFile, 'utf8'));
      } catch {
        return 0; // not written yet
      }
    },
    async close() {
      const exited = new Promise<void>((resolve) => child.once('exit', () => { resolve(); }));
      child.disconnect();
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Blocks the event loop, as a long synchronous task would, for at least `atLeastMs` and until
 * `done()`. Gives up with an error after `capMs` so a test fails rather than hangs.
 */
export function blockLoopUntil(done: () => boolean, atLeastMs: number, capMs = 20_000): void {
  const started = performance.now();
  for (;;) {
    const elapsed = performance.now() - started;
    if (elapsed >= atLeastMs && done()) return;
    if (elapsed > capMs) throw new Error(`blockLoopUntil: not done after ${String(capMs)} ms`);
  }
}

/**
 * Resolves once undici has written the next request's body to its socket (its diagnostics channel),
 * i.e. once that request is on the wire. undici writes on a reused keep-alive socket only in a later
 * phase of the loop, so a test that blocks the loop must wait for this first.
 */
export function nextRequestSent(): Promise<void> {
  return new Promise((resolve) => {
    const sent = (): void => {
      diagnosticsChannel.unsubscribe('undici:request:bodySent', sent);
      resolve();
    };
    diagnosticsChannel.subscribe('undici:request:bodySent', sent);
  });
}
