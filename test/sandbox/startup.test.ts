/**
 * Which start `npm start` makes: the sandbox with no bot token outside production or with --sandbox,
 * today's one-line error for a production start missing its token.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;

function run(env: Record<string, string>, args: string[] = []): { output: Promise<{ code: number | null; lines: string[] }>; untilLine(pattern: RegExp): Promise<string> } {
  const cwd = mkdtempSync(join(tmpdir(), 'phlo-bot-startup-'));
  // An empty working directory (no phlo-bot.yml, a throwaway ./data): tsx is loaded by its path.
  const tsx = join(ROOT, 'node_modules/tsx/dist/loader.mjs');
  const child = spawn(process.execPath, ['--import', tsx, join(ROOT, 'src/main.ts'), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const collect = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n').filter((l) => l !== '')) {
      lines.push(line);
      for (const w of waiters) if (w.pattern.test(line)) w.resolve(line);
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const output = new Promise<{ code: number | null; lines: string[] }>((resolve) => child.on('exit', (code) => { resolve({ code, lines }); }));
  return {
    output,
    untilLine: async (pattern) => {
      const line = await new Promise<string>((resolve, reject) => {
        const found = lines.find((l) => pattern.test(l));
        if (found !== undefined) resolve(found);
        waiters.push({ pattern, resolve });
        void output.then(() => { reject(new Error(`exited before ${pattern}:\n${lines.join('\n')}`)); });
      });
      child.kill('SIGTERM');
      await output;
      return line;
    },
  };
}

describe('npm start', () => {
  it('in production, a missing bot token stays a one-line start-up error', async () => {
    const { code, lines } = await run({ NODE_ENV: 'production' }).output;
    expect(code).toBe(2);
    expect(lines).toEqual(['phlo-bot: environment: SLACK_BOT_TOKEN: is not set (the bot token, xoxb-…)']);
  });

  it('with no bot token, starts the sandbox on the loopback address and says where', async () => {
    const line = await run({}).untilLine(/phlo-bot sandbox:/);
    const banner = JSON.parse(line) as { msg: string; url: string; host: string; demo: boolean };
    expect(banner.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sandbox$/);
    expect(banner).toMatchObject({ host: '127.0.0.1', demo: true });
    expect(banner.msg).toBe(`phlo-bot sandbox: ${banner.url} (listening on 127.0.0.1 only; config: demo configuration (no ./phlo-bot.yml); PHLO: simulator)`);
  });

  it('--sandbox starts the sandbox even with credentials set, and HOST changes the bind address', async () => {
    const line = await run(
      { SLACK_BOT_TOKEN: 'xoxb-real-looking', SLACK_SIGNING_SECRET: 'secret', PLIVO_AUTH_ID: 'MAID', PLIVO_AUTH_TOKEN: 'tok', HOST: '0.0.0.0' },
      ['--sandbox'],
    ).untilLine(/phlo-bot sandbox:/);
    const banner = JSON.parse(line) as { msg: string; host: string; phlo: string };
    expect(banner.host).toBe('0.0.0.0');
    expect(banner.msg).toContain('listening on 0.0.0.0 (set by HOST)');
    // PHLO credentials given: the sandbox uses the real PHLO API, not the simulator.
    expect(banner.phlo).toBe('real PHLO API');
  });
});
