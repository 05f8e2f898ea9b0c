import type { ColumnType, Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { DeliveryRepo } from './types.js';

/** The table of Slack deliveries taken on (migration 0006). */
interface SlackDeliveriesTable {
  delivery_key: string;
  /** Milliseconds since the epoch; PostgreSQL's driver reads a bigint back as text. */
  expires_at: ColumnType<number | string, number, number>;
}

export function createDeliveryRepo(base: Kysely<Database>): DeliveryRepo {
  const db = base.withTables<{ slack_deliveries: SlackDeliveriesTable }>();
  return {
    async claim(keys: readonly string[], at: Date, expiresAt: Date): Promise<boolean> {
      const unique = [...new Set(keys)];
      if (unique.length === 0) return true;
      // Inserts each key, or takes over a note that has expired; a live note changes nothing and returns
      // no row. One statement, so two instances can't both take the same key.
      const rows = await db
        .insertInto('slack_deliveries')
        .values(unique.map((key) => ({ delivery_key: key, expires_at: expiresAt.getTime() })))
        .onConflict((oc) =>
          oc
            .column('delivery_key')
            .doUpdateSet((eb) => ({ expires_at: eb.ref('excluded.expires_at') }))
            .where('slack_deliveries.expires_at', '<=', at.getTime()),
        )
        .returning('delivery_key')
        .execute();
      return rows.length === unique.length;
    },

    async prune(at: Date): Promise<number> {
      const result = await db.deleteFrom('slack_deliveries').where('expires_at', '<=', at.getTime()).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
