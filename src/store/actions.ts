import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import { z } from 'zod';
import { deleteInBatches } from './batches.js';
import type { BackgroundCheckpoints } from './backgroundCheckpoints.js';
import { ActionAlreadyCompletedError, ClaimFailedError, RowNotFoundError } from './errors.js';
import { ActionRow, parseRow, type ActionRecord, type Database } from './schema.js';
import type {
  ActionRepo,
  ByUserQuery,
  ClaimRequest,
  ClaimResult,
  FinalAction,
  DecideResult,
  Decision,
  HistoryQuery,
  NewAction,
  NewRequest,
  OutcomeUpdate,
  ReleaseRequest,
} from './types.js';

const TABLE = 'actions';

const ClaimHolderRow = z.object({ action_id: z.string() });
export type ClaimHolderRow = z.infer<typeof ClaimHolderRow>;

/** A claim may be lost between the failed upsert and reading who holds it (expiry, pruning); retry then. */
const CLAIM_ATTEMPTS = 3;

/** LIMIT means different things for negative or fractional numbers in each engine; make it mean the same. */
const rowCount = (n: number): number => (Number.isFinite(n) ? Math.max(0, Math.floor(n)) : 0);

/** The `/phlo history` query, exported so tests can check its plan uses the indexes. */
export function historyQuery(db: Kysely<Database>, q: HistoryQuery) {
  let query = db
    .selectFrom('actions')
    .selectAll()
    .where('team_id', '=', q.teamId)
    .where('channel_id', '=', q.channelId);
  if (q.member !== undefined) query = query.where('member', '=', q.member);
  const before = q.before;
  if (before !== undefined) {
    // (created_at, id) < (t, id), spelled so both engines seek the index on created_at: the range
    // bounds the scan, the OR only settles ties within one millisecond.
    const at = before.createdAt.getTime();
    query = query
      .where('created_at', '<=', at)
      .where((eb) => eb.or([eb('created_at', '<', at), eb('id', '<', before.id)]));
  }
  query = query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(rowCount(q.limit));
  const offset = rowCount(q.offset ?? 0);
  if (offset > 0) query = query.offset(offset);
  return query;
}

/** The App Home query, exported so tests can check its plan uses the index. */
export function byUserQuery(db: Kysely<Database>, q: ByUserQuery) {
  return db
    .selectFrom('actions')
    .selectAll()
    .where('team_id', '=', q.teamId)
    .where('user_id', '=', q.userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(rowCount(q.limit));
}

export function createActionRepo(db: Kysely<Database>, dialect: 'sqlite' | 'postgres', now: () => Date, checkpointer?: Pick<BackgroundCheckpoints, 'checkpoint'>): ActionRepo {
  const toRecord = (row: unknown): ActionRecord => parseRow(ActionRow, TABLE, row);

  const insert = async (values: Insertable<Database['actions']>): Promise<ActionRecord> => {
    const row = await db.insertInto('actions').values(values).returningAll().executeTakeFirstOrThrow();
    return toRecord(row);
  };

  const baseValues = (a: NewAction): Insertable<Database['actions']> => ({
    id: randomUUID(),
    created_at: (a.createdAt ?? now()).getTime(),
    team_id: a.teamId,
    channel_id: a.channelId,
    thread_ts: a.threadTs ?? null,
    user_id: a.userId,
    action: a.action,
    phlo_id: a.phloId ?? null,
    node_id: a.nodeId ?? null,
    member: a.member ?? null,
    params: JSON.stringify(a.params),
    outcome: 'pending',
    dedup_key: a.dedupKey ?? null,
    duplicate_of: a.duplicateOf ?? null,
    reason: a.reason ?? null,
    approved_by: a.approvedBy ?? null,
    request_id: a.requestId ?? null,
    source: a.source ?? null,
    step_execution_id: a.stepExecutionId ?? null,
  });

  const get = async (id: string): Promise<ActionRecord | undefined> => {
    const row = await db.selectFrom('actions').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : toRecord(row);
  };

  return {
    recordIntent: (a) => insert(baseValues(a)),

    async recordOutcome(id: string, o: OutcomeUpdate): Promise<void> {
      const update = {
        outcome: o.outcome,
        completed_at: o.at.getTime(),
        http_status: o.httpStatus ?? null,
        api_id: o.apiId ?? null,
        error: o.error ?? null,
        latency_ms: o.latencyMs === undefined ? null : Math.round(o.latencyMs),
        ...(o.threadTs === undefined ? {} : { thread_ts: o.threadTs }),
        ...(o.duplicateOf === undefined ? {} : { duplicate_of: o.duplicateOf }),
      };
      const result = await db
        .updateTable('actions')
        .set(update)
        .where('id', '=', id)
        .where('outcome', 'in', ['pending', 'unknown'])
        .executeTakeFirst();
      if (result.numUpdatedRows > 0n) return;
      const existing = await get(id);
      if (existing === undefined) throw new RowNotFoundError(TABLE, id);
      throw new ActionAlreadyCompletedError(id, existing.outcome);
    },

    async attachThread(id: string, threadTs: string): Promise<void> {
      const result = await db.updateTable('actions').set({ thread_ts: threadTs }).where('id', '=', id).executeTakeFirst();
      if (result.numUpdatedRows === 0n) throw new RowNotFoundError(TABLE, id);
    },

    async recordFinal(a: FinalAction): Promise<ActionRecord> {
      const values = baseValues(a);
      return insert({
        ...values,
        outcome: a.outcome,
        // It never left the app, so it completed when it was made.
        completed_at: values.created_at,
        error: a.error ?? null,
      });
    },

    get,

    async expireStalePending(olderThan: Date, at: Date): Promise<ActionRecord[]> {
      const rows = await db
        .updateTable('actions')
        .set({ outcome: 'unknown', completed_at: at.getTime() })
        .where('outcome', '=', 'pending')
        .where('created_at', '<', olderThan.getTime())
        .returningAll()
        .execute();
      return rows.map(toRecord).sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime() || x.id.localeCompare(y.id));
    },

    async history(q: HistoryQuery): Promise<ActionRecord[]> {
      const rows = await historyQuery(db, q).execute();
      return rows.map(toRecord);
    },

    async byUser(q: ByUserQuery): Promise<ActionRecord[]> {
      const rows = await byUserQuery(db, q).execute();
      return rows.map(toRecord);
    },

    async prune(olderThan: Date): Promise<number> {
      const cutoff = olderThan.getTime();
      // Expired claims guard nothing, and threads idle since the cutoff will never be reused:
      // without this both tables would only grow.
      const [deleted = 0] = await deleteInBatches(db, dialect, [
        { table: 'actions', key: 'id', column: 'created_at', below: cutoff },
        { table: 'action_claims', key: 'dedup_key', column: 'expires_at', below: now().getTime() },
        { table: 'call_threads', key: 'id', column: 'last_action_at', below: cutoff },
      ], checkpointer);
      return deleted;
    },

    recordRequest: (r: NewRequest) =>
      insert({ ...baseValues(r), outcome: 'awaiting_approval', input: JSON.stringify(r.input), expires_at: r.expiresAt.getTime() }),

    async attachRequestMessage(id: string, threadTs: string, requestTs: string): Promise<void> {
      const result = await db
        .updateTable('actions')
        .set({ thread_ts: threadTs, request_ts: requestTs })
        .where('id', '=', id)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) throw new RowNotFoundError(TABLE, id);
    },

    async decide(d: Decision): Promise<DecideResult> {
      const at = d.at.getTime();
      // The WHERE is the whole race: whichever statement runs first changes the row, the other finds
      // it no longer awaiting and changes nothing.
      const row = await db
        .updateTable('actions')
        .set({ outcome: d.outcome, decided_by: d.by, decided_at: at, completed_at: at })
        .where('id', '=', d.id)
        .where('outcome', '=', 'awaiting_approval')
        .where('expires_at', '>', at)
        .returningAll()
        .executeTakeFirst();
      if (row !== undefined) return { decided: true, request: toRecord(row) };
      return { decided: false, request: await get(d.id) };
    },

    async expireRequests(at: Date): Promise<ActionRecord[]> {
      const rows = await db
        .updateTable('actions')
        .set({ outcome: 'expired', completed_at: at.getTime() })
        .where('outcome', '=', 'awaiting_approval')
        .where('expires_at', '<=', at.getTime())
        .returningAll()
        .execute();
      return rows.map(toRecord);
    },

    async awaiting(q: { teamId: string; limit: number }): Promise<ActionRecord[]> {
      const rows = await db
        .selectFrom('actions')
        .selectAll()
        .where('outcome', '=', 'awaiting_approval')
        .where('team_id', '=', q.teamId)
        .orderBy('expires_at', 'asc')
        .orderBy('id', 'asc')
        .limit(rowCount(q.limit))
        .execute();
      return rows.map(toRecord);
    },

    async claim(q: ClaimRequest): Promise<ClaimResult> {
      const at = q.at.getTime();
      for (let attempt = 1; ; attempt++) {
        // One statement, so it is atomic across processes: it inserts the key, or takes it over only when
        // the holder's claim has expired; otherwise it changes nothing and returns no row.
        const taken = await db
          .insertInto('action_claims')
          .values({ dedup_key: q.dedupKey, action_id: q.actionId, expires_at: at + q.inFlightTtlMs })
          .onConflict((oc) =>
            oc
              .column('dedup_key')
              .doUpdateSet((eb) => ({
                action_id: eb.ref('excluded.action_id'),
                expires_at: eb.ref('excluded.expires_at'),
              }))
              .where('action_claims.expires_at', '<=', at),
          )
          .returning('action_id')
          .executeTakeFirst();
        if (taken !== undefined) return { claimed: true };
        const holder = await db
          .selectFrom('action_claims')
          .select('action_id')
          .where('dedup_key', '=', q.dedupKey)
          .executeTakeFirst();
        if (holder !== undefined) {
          const heldBy = parseRow(ClaimHolderRow, 'action_claims', holder).action_id;
          // Asking again for a key one already holds is not a duplicate of oneself.
          return heldBy === q.actionId ? { claimed: true } : { claimed: false, heldBy };
        }
        if (attempt >= CLAIM_ATTEMPTS) throw new ClaimFailedError(q.dedupKey);
      }
    },

    async release(q: ReleaseRequest): Promise<void> {
      await db
        .updateTable('action_claims')
        .set({ expires_at: q.at.getTime() + q.windowMs })
        .where('dedup_key', '=', q.dedupKey)
        .where('action_id', '=', q.actionId)
        .execute();
    },
  };
}
