import type { Kysely } from 'kysely';

/**
 * Where an action came from (`command`, `modal`, `button`, `workflow`), so the history and the
 * export can tell a Workflow Builder step from a person; and the step run a request belongs to, so
 * a step waiting for an approval can be completed by whichever instance sees the decision. Rows
 * written before this have no source (they came from commands, forms and buttons).
 */
const COLUMNS = ['source', 'step_execution_id'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds one at a time.
  for (const name of COLUMNS) {
    await db.schema.alterTable('actions').addColumn(name, 'text').execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of [...COLUMNS].reverse()) {
    await db.schema.alterTable('actions').dropColumn(name).execute();
  }
}
