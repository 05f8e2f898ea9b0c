import { randomUUID } from 'node:crypto';
import type { Kysely, Updateable } from 'kysely';
import { z } from 'zod';
import { RowNotFoundError } from './errors.js';
import { CallThreadRow, parseRow, type CallThread, type Database } from './schema.js';
import { createThreadMemberRepo } from './threadMembers.js';
import type { NewThread, ThreadKey, ThreadPatch, ThreadRepo } from './types.js';

const TABLE = 'call_threads';

/** `undefined` has no JSON form; storing it as null keeps the column NOT NULL and the round trip predictable. */
function stateJson(state: unknown): string {
  return JSON.stringify(state ?? null);
}

export function createThreadRepo(db: Kysely<Database>): ThreadRepo {
  const toThread = (row: unknown): CallThread => parseRow(CallThreadRow, TABLE, row);

  /** The newest thread of a call node active since `q.since`: one query, two selections. */
  const newestActive = (q: ThreadKey & { since: Date }) =>
    db
      .selectFrom('call_threads')
      .where('team_id', '=', q.teamId)
      .where('channel_id', '=', q.channelId)
      .where('phlo_id', '=', q.phloId)
      .where('node_id', '=', q.nodeId)
      .where('last_action_at', '>=', q.since.getTime())
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1);

  return {
    ...createThreadMemberRepo(db),

    async findActive(q: ThreadKey & { since: Date }): Promise<CallThread | undefined> {
      const row = await newestActive(q).selectAll().executeTakeFirst();
      return row === undefined ? undefined : toThread(row);
    },

    async findActiveTs(q: ThreadKey & { since: Date }): Promise<string | undefined> {
      const row = await newestActive(q).select('thread_ts').executeTakeFirst();
      return row === undefined ? undefined : z.string().parse(row.thread_ts);
    },

    async create(t: NewThread): Promise<CallThread> {
      const at = t.at.getTime();
      const row = await db
        .insertInto('call_threads')
        .values({
          id: randomUUID(),
          team_id: t.teamId,
          channel_id: t.channelId,
          phlo_id: t.phloId,
          node_id: t.nodeId,
          thread_ts: t.threadTs,
          created_at: at,
          last_action_at: at,
          state: stateJson(t.state),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toThread(row);
    },

    async update(id: string, patch: ThreadPatch): Promise<void> {
      const set: Updateable<Database['call_threads']> = {};
      if (patch.lastActionAt !== undefined) set.last_action_at = patch.lastActionAt.getTime();
      if (patch.state !== undefined) set.state = stateJson(patch.state);
      const query = db.updateTable('call_threads').where('id', '=', id);
      // An empty patch still checks the thread exists, so a wrong id never passes silently.
      const result =
        Object.keys(set).length === 0
          ? await query.set({ id }).executeTakeFirst()
          : await query.set(set).executeTakeFirst();
      if (result.numUpdatedRows === 0n) throw new RowNotFoundError(TABLE, id);
    },

    async get(id: string): Promise<CallThread | undefined> {
      const row = await db.selectFrom('call_threads').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toThread(row);
    },

    async findByThreadTs(channelId: string, threadTs: string): Promise<CallThread | undefined> {
      const row = await db
        .selectFrom('call_threads')
        .selectAll()
        .where('channel_id', '=', channelId)
        .where('thread_ts', '=', threadTs)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row === undefined ? undefined : toThread(row);
    },
  };
}
