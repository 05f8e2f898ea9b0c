import { sql, type Kysely } from 'kysely';

/**
 * Approvals: a request that waits for another person's OK is an `actions` row with outcome
 * `awaiting_approval` until someone decides or its deadline passes. The deadline is a column, so a
 * restart or another instance still expires it; the decision is one conditional UPDATE on `outcome`,
 * so two approvers cannot both win.
 */
const COLUMNS: [name: string, type: 'text' | 'bigint'][] = [
  // Why the requester asked (from --reason or the form).
  ['reason', 'text'],
  // The draft's input as given (JSON), so an approval runs exactly what was asked.
  ['input', 'text'],
  // Epoch ms after which an undecided request expires.
  ['expires_at', 'bigint'],
  // Who approved or rejected the request, and when.
  ['decided_by', 'text'],
  ['decided_at', 'bigint'],
  // The request message in the call's thread, so it can be updated once decided.
  ['request_ts', 'text'],
  // On the action an approval carried out: who approved it and which request it was.
  ['approved_by', 'text'],
  ['request_id', 'text'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds one at a time.
  for (const [name, type] of COLUMNS) {
    await db.schema.alterTable('actions').addColumn(name, type).execute();
  }
  // The expiry sweep and App Home's waiting list; partial, so it holds only what waits.
  await db.schema
    .createIndex('actions_awaiting_expires')
    .on('actions')
    .columns(['expires_at', 'id'])
    .where(sql.ref('outcome'), '=', sql.lit('awaiting_approval'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('actions_awaiting_expires').execute();
  for (const [name] of [...COLUMNS].reverse()) {
    await db.schema.alterTable('actions').dropColumn(name).execute();
  }
}
