// SQLite's WAL is copied into the database file by a thread of its own, never inside a commit on the
// event loop: the app's writes stay in the WAL until the checkpoint thread takes them.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createActionRepo } from '../../src/store/actions.js';
import { startBackgroundCheckpoints } from '../../src/store/backgroundCheckpoints.js';
import { connect } from '../../src/store/connect.js';
import { execSql } from './databases.js';
import { mountSmallDisk } from './smallDisk.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** How many actions the database file alone holds, as a copy without its WAL shows it. */
async function actionsInFileAlone(file: string): Promise<number> {
  // Copied elsewhere: the file may be on a disk a test has filled.
  const dir = mkdtempSync(join(tmpdir(), 'phlo-bot-checkpoints-copy-'));
  dirs.push(dir);
  copyFileSync(file, join(dir, 'copy.sqlite'));
  const [row] = await execSql(`sqlite:${join(dir, 'copy.sqlite')}`, 'SELECT count(*) AS n FROM actions');
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

  it('start a new thread, after a pause, when the thread fails on a full disk, and go on once it has room', async () => {
    const disk = mountSmallDisk(16);
    try {
      const file = join(disk.dir, 'db.sqlite');
      const { db } = await connect(`sqlite:${file}`);
      const errors: Error[] = [];
      let restarts = 0;
      const checkpoints = await startBackgroundCheckpoints(db, {
        everyMs: 3_600_000,
        restartAfterMs: 10,
        onError: (error) => errors.push(error),
        onRestart: () => { restarts += 1; },
      });
      try {
        const actions = createActionRepo(db, 'sqlite', () => new Date());
        const record = () => actions.recordIntent({ teamId: 'T', channelId: 'C', userId: 'U', action: 'hold', params: { note: 'x'.repeat(2_000) } });
        // The WAL grows to hold these (a commit each), then is copied and starts over: its room is there to reuse.
        for (let i = 0; i < 50; i++) await record();
        await checkpoints?.checkpoint();
        expect(await actionsInFileAlone(file)).toBe(50);

        disk.fill();
        // These fit in the WAL's old room; copying them needs the database file to grow, and it cannot.
        for (let i = 0; i < 10; i++) await record();
        await expect(checkpoints?.checkpoint()).rejects.toThrow(/full/);
        expect(errors[0]?.message).toMatch(/full/);
        // No thread while the disk is full: a new one fails as it opens, and is tried again later.
        await vi.waitFor(() => { expect(errors.length).toBeGreaterThanOrEqual(3); }, { timeout: 20_000 });
        expect(restarts).toBe(0);
        await expect(checkpoints?.checkpoint()).resolves.toBeUndefined();

        disk.free();
        await vi.waitFor(() => { expect(restarts).toBe(1); }, { timeout: 20_000 });
        const result = await checkpoints?.checkpoint();
        expect(result?.copiedPages).toBe(result?.walPages);
        expect(await actionsInFileAlone(file)).toBe(60);
      } finally {
        await checkpoints?.close();
        await db.destroy();
      }
    } finally {
      disk.unmount();
    }
  });

  it('are not started for a database in memory, which has no WAL', async () => {
    const { db } = await connect('sqlite::memory:');
    expect(await startBackgroundCheckpoints(db, { onError: () => undefined })).toBeUndefined();
    await db.destroy();
  });
});
