// SQLite's WAL is copied into the database file by a thread of its own, never inside a commit on the
// event loop: the app's writes stay in the WAL until the checkpoint thread takes them.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createActionRepo } from '../../src/store/actions.js';
import { startBackgroundCheckpoints } from '../../src/store/backgroundCheckpoints.js';
import { connect } from '../../src/store/connect.js';
import { execSql } from './databases.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** How many actions the database file alone holds, as a copy without its WAL shows it. */
async function actionsInFileAlone(file: string): Promise<number> {
  copyFileSync(file, `${file}.copy`);
  const [row] = await execSql(`sqlite:${file}.copy`, 'SELECT count(*) AS n FROM actions');
  return Number(row?.['n']);
}

describe('background checkpoints on a SQLite file', () => {
  it('leave the writes in the WAL until the checkpoint thread copies them, then hand checkpointing back on close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'phlo-bot-checkpoints-'));
    dirs.push(dir);
    const file = join(dir, 'db.sqlite');
    const { db } = await connect(`sqlite:${file}`);
    // A timer that never fires in this test: only the explicit checkpoint below copies anything.
    const told: unknown[] = [];
    const checkpoints = await startBackgroundCheckpoints(db, { everyMs: 3_600_000, onError: () => undefined, onCheckpoint: (r) => told.push(r) });
    try {
      expect(checkpoints).toBeDefined();
      const actions = createActionRepo(db, 'sqlite', () => new Date());
      // ~30 MB, far past the 1,000 pages at which a commit would checkpoint by itself.
      for (let i = 0; i < 600; i++) await actions.recordIntent({ teamId: 'T', channelId: 'C', userId: 'U', action: 'hold', params: { note: 'x'.repeat(8_000) } });
      expect(await actionsInFileAlone(file)).toBe(0);

      const result = await checkpoints?.checkpoint();
      expect(await actionsInFileAlone(file)).toBe(600);
      // Every page of the WAL copied: ~30 MB is thousands of 4 KiB pages.
      expect(result?.walPages).toBeGreaterThan(5_000);
      expect(result?.copiedPages).toBe(result?.walPages);
      expect(told).toEqual([result]);
    } finally {
      await checkpoints?.close();
    }
    const [setting] = (await sql<{ wal_autocheckpoint: number }>`PRAGMA wal_autocheckpoint`.execute(db)).rows;
    expect(setting?.wal_autocheckpoint).toBe(1000);
    await db.destroy();
  });

  it('start the WAL over once it is all copied, so the app\'s next commit does not have to (nor sync its new header)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'phlo-bot-checkpoints-'));
    dirs.push(dir);
    const file = join(dir, 'db.sqlite');
    const { db } = await connect(`sqlite:${file}`);
    const checkpoints = await startBackgroundCheckpoints(db, { everyMs: 3_600_000, onError: () => undefined });
    /** The WAL header's first salt: SQLite adds one to it each time the WAL starts over. */
    const walSequence = (): number => readFileSync(`${file}-wal`).readUInt32BE(16);
    try {
      const actions = createActionRepo(db, 'sqlite', () => new Date());
      for (let i = 0; i < 20; i++) await actions.recordIntent({ teamId: 'T', channelId: 'C', userId: 'U', action: 'hold', params: {} });
      const before = walSequence();
      const result = await checkpoints?.checkpoint();
      expect(result?.copiedPages).toBe(result?.walPages);
      expect(walSequence()).toBe(before + 1);
      // The app's writes go on as before, appended to the new WAL.
      await actions.recordIntent({ teamId: 'T', channelId: 'C', userId: 'U', action: 'hold', params: {} });
      expect(walSequence()).toBe(before + 1);
      expect(await actionsInFileAlone(file)).toBe(20);
    } finally {
      await checkpoints?.close();
      await db.destroy();
    }
  });

  it('are not started for a database in memory, which has no WAL', async () => {
    const { db } = await connect('sqlite::memory:');
    expect(await startBackgroundCheckpoints(db, { onError: () => undefined })).toBeUndefined();
    await db.destroy();
  });
});
