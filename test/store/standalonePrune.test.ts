// A prune awaits SQLite's checkpoint thread between batches. With nothing else to run (a script, a
// maintenance job), that wait must keep the process alive until the prune is done.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const SCRIPT = `
import { openStore } from ${JSON.stringify(join(ROOT, 'src/store/index.ts'))};
const store = await openStore(process.env.DATABASE_URL);
const old = new Date('2025-01-01T00:00:00Z');
for (let i = 0; i < 3000; i += 1) {
  await store.actions.recordIntent({ createdAt: old, teamId: 'T1', channelId: 'C1', userId: 'U1', action: 'hold', params: {} });
}
const deleted = await store.actions.prune(new Date('2025-06-01T00:00:00Z'));
console.log('pruned ' + deleted);
await store.close();
console.log('closed');
`;

describe('a prune with nothing else running', () => {
  it('finishes and closes the store before the process exits', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'phlo-bot-prune-'));
    dirs.push(dir);
    const script = join(dir, 'prune.mts');
    writeFileSync(script, SCRIPT);
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: `sqlite:${join(dir, 'phlo-bot.db')}` },
      timeout: 60_000,
    });
    expect(stdout.trim().split('\n')).toEqual(['pruned 3000', 'closed']);
  });
});
