import type { Kysely } from 'kysely';

// The Slack deliveries already taken on: an Events API event by its `event_id`, a Workflow Builder
// step run by its `function_execution_id`. Slack delivers an event again when it thinks the first
// delivery failed (for up to an hour, with a new signature each time), so the key, not the signature,
// says whether it was acted on; kept in the database so a redelivery that lands on another instance
// is recognised too.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('slack_deliveries')
    .addColumn('delivery_key', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('slack_deliveries_expires').on('slack_deliveries').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('slack_deliveries').execute();
}
