/**
 * `phlo-bot backup FILE`: an online copy of the SQLite database, taken while the app runs and writes.
 * The copy opens on its own, passes SQLite's integrity check and holds the history written before it.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupCommand } from '../../src/cli/backup.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
let dir: string;
let databaseUrl: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'phlo-bot-backup-'));
  databaseUrl = `sqlite:${join(dir, 'phlo-bot.db')}`;
  h = await startHarness({ databaseUrl });
});
afterAll(async () => {
  await h.stop();
});

async function backup(args: string[], env: Record<string, string> = { DATABASE_URL: databaseUrl }): Promise<{ status: number; lines: string[] }> {
  const lines: string[] = [];
  const status = await backupCommand(args, (line) => lines.push(line), env);
  return { status, lines };
}

describe('phlo-bot backup', () => {
  it('copies the live database, history included, while the app keeps writing', async () => {
    for (let i = 0; i < 5; i += 1) expect((await h.command(`hold +1415555010${i}`)).status).toBe(200);
    await expect.poll(() => h.phlo.requests.length, { timeout: 20_000 }).toBe(5);
    // More actions in flight while the copy is taken: the backup must not wait for a quiet moment.
    const meanwhile = Array.from({ length: 5 }, (_, i) => h.command(`unhold +1415555010${i}`));
    const destination = join(dir, 'copy.db');
    const { status, lines } = await backup([destination]);
    await Promise.all(meanwhile);
    expect(status).toBe(0);
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^phlo-bot: backed up \\d+ pages to ${destination}$`))]);
    const copy = new Database(destination, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      const holds = copy.prepare("select count(*) as n from actions where action = 'hold'").get() as { n: number };
      expect(holds.n).toBe(5);
    } finally {
      copy.close();
    }
  });

  it('never overwrites a file', async () => {
    const destination = join(dir, 'taken.db');
    writeFileSync(destination, 'someone else’s file');
    const { status, lines } = await backup([destination]);
    expect(status).toBe(1);
    expect(lines).toEqual([`phlo-bot: backup to ${destination}: a file is already there; phlo-bot does not overwrite it`]);
  });

  it('points PostgreSQL users at pg_dump, and a missing argument at the usage', async () => {
    const onPostgres = await backup([join(dir, 'pg.db')], { DATABASE_URL: 'postgres://phlo:secret@127.0.0.1:5432/phlo' });
    expect(onPostgres).toEqual({ status: 1, lines: [`phlo-bot: backup to ${join(dir, 'pg.db')}: DATABASE_URL is PostgreSQL: use pg_dump`] });
    expect(existsSync(join(dir, 'pg.db'))).toBe(false);
    expect((await backup([])).status).toBe(1);
  });
});
