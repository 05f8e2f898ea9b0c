import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../store/databases.js';
import { messageText, startHarness, USERS, type Harness } from './harness.js';

/** Takes the actions table away behind the app's back, as a failed disk or a dropped grant would. */
async function withActionsTable(db: TestDatabase, from: string, to: string): Promise<void> {
  const sql = `ALTER TABLE ${from} RENAME TO ${to}`;
  if (db.name === 'sqlite') {
    const file = new Database(db.url.slice('sqlite:'.length));
    file.exec(sql);
    file.close();
    return;
  }
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await client.query(sql);
  await client.end();
}

// Once PHLO has acted, a retry would dial twice: nothing the user reads may say "try again".
describe.each(['sqlite', 'postgres'] as const)('on %s, the database fails right after PHLO answers', (database) => {
  let h: Harness;
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(database);
    h = await startHarness({ databaseUrl: db.url });
  });
  afterAll(async () => {
    await h.stop();
    await db.drop();
  });

  it('the thread still gets the result, with an error id instead of "try again", and PHLO was asked once', async () => {
    h.phlo.setLatency(500);
    await h.command('call +14155551234', { user: USERS.bob });
    // PHLO has the request: the intent is on record; now the outcome's write will fail.
    await expect.poll(() => h.phlo.requests.length).toBe(1);
    await withActionsTable(db, 'actions', 'actions_offline');
    try {
      const reply = await h.waitForReply((c) => messageText(c).includes('+14155551234'));
      const text = messageText(reply);
      expect(text).toContain('added `+14155551234` to the call');
      expect(text).toContain('outcome *ok*');
      expect(text).toContain('could not write this result to its history');
      expect(text).toContain('do not repeat the action');
      expect(text).not.toMatch(/try again/i);
      const errorId = /error id `([0-9a-f]+)`/.exec(text)?.[1];
      expect(errorId).toBeDefined();
      // The log line with that id holds what the database could not.
      const logged = h.logs.find((l) => l.errorId === errorId);
      expect(logged).toMatchObject({ outcome: 'ok', httpStatus: 201 });
      expect(h.slack.callsTo('chat.postEphemeral').filter((c) => /try again/i.test(messageText(c)))).toHaveLength(0);
      expect(h.phlo.requests).toHaveLength(1);
    } finally {
      await withActionsTable(db, 'actions_offline', 'actions');
      h.phlo.setLatency(0);
    }
  });
});
