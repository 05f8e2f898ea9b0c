import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../store/databases.js';
import { messageText, startHarness, USERS, type Harness } from './harness.js';

/** Renames a table behind the app's back, as a failed disk or a dropped grant would take it away. */
async function renameTable(db: TestDatabase, from: string, to: string): Promise<void> {
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

/**
 * Takes the database away from the running app and gives it back. PostgreSQL: no new connections and the
 * app's own cut, as a server going down does. SQLite (a file the process holds open): the tables the thread
 * and the history live in renamed away, so every read and write of them fails.
 */
async function databaseDown(db: TestDatabase): Promise<() => Promise<void>> {
  if (db.name === 'sqlite') {
    await renameTable(db, 'actions', 'actions_offline');
    await renameTable(db, 'call_threads', 'call_threads_offline');
    return async () => {
      await renameTable(db, 'actions_offline', 'actions');
      await renameTable(db, 'call_threads_offline', 'call_threads');
    };
  }
  const name = new URL(db.url).pathname.slice(1);
  const admin = new URL(db.url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
  await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
  return async () => {
    await client.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    await client.end();
  };
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
    await renameTable(db, 'actions', 'actions_offline');
    try {
      const reply = await h.waitForReply((c) => messageText(c).includes('+14155551234'));
      const text = messageText(reply);
      expect(text).toContain('added `+14155551234` to the call');
      expect(text).toContain('outcome *ok*');
      expect(text).toContain('could not write this result to its history yet');
      expect(text).toContain('it keeps trying until its database takes it');
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
      await renameTable(db, 'actions_offline', 'actions');
      h.phlo.setLatency(0);
    }
  });

  it('a database down when the result is to be posted is named as the cause, not Slack', async () => {
    h.phlo.setLatency(500);
    await h.command('call +14155551299', { user: USERS.bob });
    await expect.poll(() => h.phlo.requests.length).toBe(2);
    const bringBack = await databaseDown(db);
    try {
      const answer = await h.waitForEphemeral(USERS.bob, (c) => messageText(c).includes('+14155551299'), 20_000);
      const text = messageText(answer);
      expect(text).toContain('added `+14155551299` to the call');
      expect(text).toContain("phlo-bot's database is unavailable");
      expect(text).toContain('do not repeat the action');
      expect(text).not.toContain('is the bot a member');
      expect(text).not.toMatch(/try again/i);
      // Slack was never asked to post it: the thread could not be found.
      expect(h.slack.callsTo('chat.postMessage').filter((c) => messageText(c).includes('+14155551299'))).toHaveLength(0);
      expect(h.phlo.requests).toHaveLength(2);
    } finally {
      await bringBack();
      h.phlo.setLatency(0);
    }
  });
});
