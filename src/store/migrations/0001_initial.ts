import { sql, type Kysely } from 'kysely';

// Written with Kysely's schema builder only, so the same migration runs on SQLite and PostgreSQL.
// Times are bigint epoch milliseconds (INTEGER affinity in SQLite).

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('call_threads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('phlo_id', 'text', (c) => c.notNull())
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('thread_ts', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_action_at', 'bigint', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .execute();
  // findActive: one call node in one channel, newest first.
  await db.schema
    .createIndex('call_threads_node_created')
    .on('call_threads')
    .columns(['team_id', 'channel_id', 'phlo_id', 'node_id', 'created_at desc', 'id desc'])
    .execute();
  // findByThreadTs: a button click names its channel and thread.
  await db.schema.createIndex('call_threads_thread_ts').on('call_threads').columns(['channel_id', 'thread_ts']).execute();

  await db.schema
    .createTable('actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('completed_at', 'bigint')
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('thread_ts', 'text')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('phlo_id', 'text')
    .addColumn('node_id', 'text')
    .addColumn('member', 'text')
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('http_status', 'integer')
    .addColumn('api_id', 'text')
    .addColumn('error', 'text')
    .addColumn('latency_ms', 'integer')
    .addColumn('dedup_key', 'text')
    .addColumn('duplicate_of', 'text')
    .execute();
  // `/phlo history` and the App Home read newest first with ORDER BY created_at DESC, id DESC LIMIT n:
  // ending each index with (created_at DESC, id DESC) lets both engines read the index in order and stop
  // after n rows, with no sort, however many rows the table holds.
  await db.schema
    .createIndex('actions_channel_created')
    .on('actions')
    .columns(['team_id', 'channel_id', 'created_at desc', 'id desc'])
    .execute();
  await db.schema
    .createIndex('actions_channel_member_created')
    .on('actions')
    .columns(['team_id', 'channel_id', 'member', 'created_at desc', 'id desc'])
    .execute();
  await db.schema
    .createIndex('actions_user_created')
    .on('actions')
    .columns(['team_id', 'user_id', 'created_at desc', 'id desc'])
    .execute();
  // Retention deletes by age.
  await db.schema.createIndex('actions_created').on('actions').column('created_at').execute();
  // The start-up sweep of pending rows; partial, so it stays tiny however long the history grows.
  await db.schema
    .createIndex('actions_pending_created')
    .on('actions')
    .column('created_at')
    .where(sql.ref('outcome'), '=', sql.lit('pending'))
    .execute();

  await db.schema
    .createTable('action_claims')
    .addColumn('dedup_key', 'text', (c) => c.primaryKey())
    .addColumn('action_id', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('action_claims').execute();
  await db.schema.dropTable('actions').execute();
  await db.schema.dropTable('call_threads').execute();
}
