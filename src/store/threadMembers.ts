import type { Kysely } from 'kysely';
import { z } from 'zod';
import { parseRow, ThreadMemberRow, type Database, type ThreadMember } from './schema.js';
import type { ThreadRepo } from './types.js';

const TABLE = 'call_members';

/** A count: a number from SQLite, a bigint's decimal string from PostgreSQL. */
const Count = z.union([z.number(), z.string().regex(/^\d+$/)]).transform(Number);

/** The members of a call's thread, a row each, so an action costs the same on a call of 2 or 2,000. */
export function createThreadMemberRepo(db: Kysely<Database>): Pick<ThreadRepo, 'readMembers' | 'putMembers' | 'listMembers'> {
  const toMember = (row: unknown): ThreadMember => parseRow(ThreadMemberRow, TABLE, row);
  const columns = ['address', 'present', 'data'] as const;

  return {
    async readMembers(threadId, addresses) {
      if (addresses.length === 0) return [];
      const rows = await db
        .selectFrom('call_members')
        .select(columns)
        .where('thread_id', '=', threadId)
        .where('address', 'in', [...new Set(addresses)])
        .orderBy('seq')
        .execute();
      return rows.map(toMember);
    },

    async putMembers(threadId, members) {
      if (members.length === 0) return;
      const last = await db
        .selectFrom('call_members')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .where('thread_id', '=', threadId)
        .executeTakeFirst();
      // MAX over no rows is NULL: a thread's first member is number 1.
      const after = Count.nullable().parse(last?.seq ?? null) ?? 0;
      await db
        .insertInto('call_members')
        .values(
          members.map((m, i) => ({
            thread_id: threadId,
            address: m.address,
            seq: after + i + 1,
            present: m.present ? 1 : 0,
            data: JSON.stringify(m.data ?? null),
          })),
        )
        // A member seen before keeps their `seq`: the gaps new rows' numbers leave are harmless.
        .onConflict((oc) =>
          oc.columns(['thread_id', 'address']).doUpdateSet((eb) => ({ present: eb.ref('excluded.present'), data: eb.ref('excluded.data') })),
        )
        .execute();
    },

    async listMembers(threadId, q) {
      const first = db
        .selectFrom('call_members')
        .select(['seq', ...columns])
        .where('thread_id', '=', threadId)
        .orderBy('seq')
        .limit(q.first);
      const firstPresent = db
        .selectFrom('call_members')
        .select(['seq', ...columns])
        .where('thread_id', '=', threadId)
        .where('present', '=', 1)
        .orderBy('seq')
        .limit(q.firstPresent);
      // UNION drops a row both halves found; each half keeps its own order and limit as a subquery.
      const rows = await db
        .selectFrom(first.as('f'))
        .selectAll()
        .union(db.selectFrom(firstPresent.as('p')).selectAll())
        .orderBy('seq')
        .execute();
      const counted = await db
        .selectFrom('call_members')
        .select((eb) => eb.fn.countAll().as('total'))
        .where('thread_id', '=', threadId)
        .executeTakeFirstOrThrow();
      return { members: rows.map(toMember), total: Count.parse(counted.total) };
    },
  };
}

