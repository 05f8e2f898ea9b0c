/**
 * The `/phlo history --csv` file, read in pages: the same bytes as one read of every row rendered at
 * once (order, header, quoting, defusing), on SQLite and on PostgreSQL, however the pages fall.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCsvExport } from '../../src/history/export.js';
import { toCsv } from '../../src/history/csv.js';
import { openStore, type HistoryQuery, type Store } from '../../src/store/index.js';
import { createTestDatabases, plantActions } from '../store/databases.js';

const databases = await createTestDatabases();
afterAll(async () => {
  await Promise.all(databases.map((d) => d.drop()));
});

/**
 * More than the first pages hold (they grow from a few hundred rows, at most doubling), and not a
 * multiple of the three rows sharing each millisecond, so pages end inside a tie.
 */
const ROWS = 1_234;

describe.each(databases)('the CSV export on $name', (database) => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore(database.url);
    await plantActions(database.url, { count: ROWS, prefix: 'r-', start: Date.parse('2025-04-01T09:00:00.000Z') });
    // Another channel's rows are not in this channel's export.
    await plantActions(database.url, { count: 50, prefix: 'other-', start: Date.parse('2025-04-01T09:00:00.000Z'), channelId: 'C2' });
  });
  afterAll(async () => {
    await store.close();
  });

  /** What the export was when it read every row in one query. */
  const oneRead = async (q: HistoryQuery): Promise<string> => toCsv(await store.actions.history(q));

  it.each([
    ['every row', { limit: 10_000 }, ROWS],
    ['a round limit', { limit: 1_000 }, 1_000],
    ['an odd limit', { limit: 577 }, 577],
    ['one member (--member)', { limit: 10_000, member: '+14155550000' }, Array.from({ length: ROWS }, (_, i) => i).filter((i) => i % 5 === 0).length],
  ])('%s: the same bytes as one read', async (_name, extra, rows) => {
    const q = { teamId: 'T1', channelId: 'C1', ...extra };
    const exported = await renderCsvExport(store.actions, q);
    const text = exported.file.toString('utf8');
    expect(exported.rows).toBe(rows);
    expect(text).toBe(await oneRead(q));
    expect(text.startsWith('time,team,channel,')).toBe(true);
    // A quoted cell holds a line break, so lines are counted by ids, not by CRLFs alone.
    expect(new Set(text.match(/,r-\d+,/g))).toHaveProperty('size', rows);
    expect(text).toContain(`"say ""hi"", then\n=cmd"`);
  });

  it('an empty channel gives the header alone', async () => {
    const exported = await renderCsvExport(store.actions, { teamId: 'T1', channelId: 'C-none', limit: 10_000 });
    expect(exported.rows).toBe(0);
    expect(exported.file.toString('utf8')).toBe(toCsv([]));
  });
});
