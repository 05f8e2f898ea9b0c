/**
 * The sandbox as the README starts it (`node dist/src/main.js` with no credentials and no config file,
 * in an empty directory), and Debian's Chromium driven by playwright-core. The build runs first, once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Locator } from 'playwright-core';
import { buildIfStale } from '../support/build.js';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, '.tmp', 'screenshots');

/** A folder for the screenshots, and the app built as it is now. */
export function build(): void {
  mkdirSync(SCREENSHOTS, { recursive: true });
  buildIfStale();
}

export interface SandboxProcess {
  url: string;
  banner: string;
  output: string[];
  stop(): Promise<void>;
}

/** Starts the built app with no Slack or PHLO credentials; resolves with the URL its banner names. */
export function startSandboxProcess(): Promise<SandboxProcess> {
  const cwd = mkdtempSync(join(tmpdir(), 'phlo-bot-sandbox-'));
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0' };
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'dist/src/main.js')], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => { resolve(); }));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { reject(new Error(`no sandbox banner within 20 s:\n${output.join('\n')}`)); }, 20_000);
    const onData = (chunk: Buffer): void => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() === '') continue;
        output.push(line);
        const match = /phlo-bot sandbox: (http:\/\/\S+\/sandbox)/.exec(line);
        if (match?.[1] !== undefined) {
          clearTimeout(timer);
          resolve({
            url: match[1],
            banner: line,
            output,
            stop: async () => {
              child.kill('SIGTERM');
              await exited;
            },
          });
        }
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the app exited (${String(code)}) before its banner:\n${output.join('\n')}`));
    });
  });
}

/** Playwright gives every launch a fresh, throwaway user-data-dir (it refuses one passed in args). */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/chromium.sh`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-quic',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/**
 * Scrolls `locator` into view for a screenshot. The page redraws a panel as a run or a thread moves
 * on, so the element found may be replaced before the scroll reaches it; it is then found again.
 */
export async function scrollTo(locator: Locator): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await locator.scrollIntoViewIfNeeded({ timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt >= 5 || !(error instanceof Error) || !error.message.includes('not attached')) throw error;
    }
  }
}
