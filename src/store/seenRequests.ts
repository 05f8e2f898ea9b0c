import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { SeenRequestRepo } from './types.js';

export function createSeenRequestRepo(db: Kysely<Database>): SeenRequestRepo {
  return {
    async firstSighting(signature: string, at: Date, expiresAt: Date): Promise<boolean> {
      // Inserts the signature, or takes over a note that has expired; a live note changes nothing and
      // returns no row.
      const row = await db
        .insertInto('seen_requests')
        .values({ signature, expires_at: expiresAt.getTime() })
        .onConflict((oc) =>
          oc
            .column('signature')
            .doUpdateSet((eb) => ({ expires_at: eb.ref('excluded.expires_at') }))
            .where('seen_requests.expires_at', '<=', at.getTime()),
        )
        .returning('signature')
        .executeTakeFirst();
      return row !== undefined;
    },

    async prune(at: Date): Promise<number> {
      const result = await db.deleteFrom('seen_requests').where('expires_at', '<=', at.getTime()).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
