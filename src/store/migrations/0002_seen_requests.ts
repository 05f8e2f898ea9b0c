import type { Kysely } from 'kysely';

// Signatures of the Slack requests already acted on, kept while a replay could still pass the
// signature check (Slack accepts a timestamp up to five minutes old), so a captured request sent
// again, to this instance or another, is not acted on twice.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('seen_requests')
    .addColumn('signature', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('seen_requests_expires').on('seen_requests').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('seen_requests').execute();
}
