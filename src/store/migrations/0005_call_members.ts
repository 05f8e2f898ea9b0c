import { sql, type Kysely } from 'kysely';
import { canonicalAddress } from '../../domain/address.js';

/**
 * A call's members get a row each, out of the thread's state document. On a busy call that document
 * grew with every member (2,000 members made about 95 KB), and every action read, checked and rewrote
 * all of it; now an action touches the rows of the members it changes, and a card reads the rows it
 * shows. The thread's `state` keeps what belongs to the call as a whole (the transfer in progress, the
 * last action).
 *
 * `seq` keeps the order the bot first saw the members in; `present` is 1 while the member is still on
 * the call (the card's buttons are for those); `data` is the member's JSON, which the caller owns.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('call_members')
    .addColumn('thread_id', 'text', (c) => c.notNull().references('call_threads.id').onDelete('cascade'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('present', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('call_members_pk', ['thread_id', 'address'])
    .execute();
  await db.schema.createIndex('call_members_order').on('call_members').columns(['thread_id', 'seq']).execute();
  await db.schema.createIndex('call_members_present').on('call_members').columns(['thread_id', 'present', 'seq']).execute();
  await moveMembersOutOfState(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // The members go back into their thread's document, in the order they were seen.
  const rows = await sql<{ thread_id: string; address: string; data: string }>`
    SELECT thread_id, address, data FROM call_members ORDER BY thread_id, seq`.execute(db);
  const byThread = new Map<string, Record<string, unknown>>();
  for (const row of rows.rows) {
    const members = byThread.get(row.thread_id) ?? {};
    members[row.address] = JSON.parse(row.data) as unknown;
    byThread.set(row.thread_id, members);
  }
  for (const [id, members] of byThread) {
    const found = await sql<{ state: string }>`SELECT state FROM call_threads WHERE id = ${id}`.execute(db);
    const state = documentOf(found.rows[0]?.state);
    await sql`UPDATE call_threads SET state = ${JSON.stringify({ ...state, members })} WHERE id = ${id}`.execute(db);
  }
  await db.schema.dropTable('call_members').execute();
}

/** Threads are read a page at a time, so a large history doesn't have to fit in memory at once. */
const PAGE = 500;

async function moveMembersOutOfState(db: Kysely<unknown>): Promise<void> {
  let after = '';
  for (;;) {
    const page = await sql<{ id: string; state: string }>`
      SELECT id, state FROM call_threads WHERE id > ${after} ORDER BY id LIMIT ${PAGE}`.execute(db);
    for (const row of page.rows) await moveThread(db, row.id, row.state);
    const last = page.rows.at(-1);
    if (last === undefined || page.rows.length < PAGE) return;
    after = last.id;
  }
}

async function moveThread(db: Kysely<unknown>, id: string, text: string): Promise<void> {
  const state = documentOf(text);
  const members = state.members;
  if (typeof members !== 'object' || members === null || Array.isArray(members)) return;
  // Cards written before addresses had one form may list one member under two spellings: they become
  // one row, holding the later-seen entry, in the place the first was seen.
  const rows = new Map<string, unknown>();
  for (const [address, member] of Object.entries(members)) rows.set(canonicalAddress(address), member);
  let seq = 0;
  for (const [address, member] of rows) {
    seq += 1;
    const present = typeof member === 'object' && member !== null && !('left' in member) ? 1 : 0;
    await sql`INSERT INTO call_members (thread_id, address, seq, present, data)
      VALUES (${id}, ${address}, ${seq}, ${present}, ${JSON.stringify(member)})`.execute(db);
  }
  const { members: _moved, ...rest } = state;
  await sql`UPDATE call_threads SET state = ${JSON.stringify(rest)} WHERE id = ${id}`.execute(db);
}

/** The thread's document as an object; anything else (unreadable, a scalar) has no members to move. */
function documentOf(text: string | undefined): Record<string, unknown> {
  try {
    const value = JSON.parse(text ?? 'null') as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
