import type { Kysely } from 'kysely';

// One row, written when /healthz has seen writes fail, to learn whether the database takes them
// again: updated in place, so it never grows, and every instance takes its turn on the same row.
// `payload` is as large as the records of an action, so a disk with less room than that reads as full.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('write_probe')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('written_at', 'bigint', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('write_probe').execute();
}
