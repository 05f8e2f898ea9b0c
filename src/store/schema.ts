import type { ColumnType } from 'kysely';
import { z } from 'zod';
import { CorruptRowError } from './errors.js';

// Times are integer epoch milliseconds in both dialects (bigint in PostgreSQL), so ordering and range
// queries are the same SQL everywhere. node-postgres returns bigint as a string; the row schemas parse it.
type EpochMs = ColumnType<number | string, number, number>;
type NullableEpochMs = ColumnType<number | string | null, number | null, number | null>;

export interface CallThreadsTable {
  id: string;
  team_id: string;
  channel_id: string;
  phlo_id: string;
  node_id: string;
  thread_ts: string;
  created_at: EpochMs;
  last_action_at: EpochMs;
  /** JSON text the caller owns */
  state: string;
}

/** One member of a call, as its thread knows them (see migration 0005). */
export interface CallMembersTable {
  thread_id: string;
  address: string;
  /** The order the bot first saw the members in, from 1 within a thread. */
  seq: number;
  /** 1 while the member is still on the call, else 0 (an integer: better-sqlite3 binds no booleans). */
  present: number;
  /** JSON text the caller owns */
  data: string;
}

export interface ActionsTable {
  id: string;
  created_at: EpochMs;
  completed_at: NullableEpochMs;
  team_id: string;
  channel_id: string;
  thread_ts: string | null;
  user_id: string;
  action: string;
  phlo_id: string | null;
  node_id: string | null;
  member: string | null;
  /** JSON text of a string-to-string object */
  params: string;
  outcome: string;
  http_status: number | null;
  api_id: string | null;
  error: string | null;
  latency_ms: number | null;
  dedup_key: string | null;
  duplicate_of: string | null;
  reason: string | null;
  /** JSON text of the draft's input, kept while a request awaits approval */
  input: string | null;
  expires_at: NullableEpochMs;
  decided_by: string | null;
  decided_at: NullableEpochMs;
  request_ts: string | null;
  approved_by: string | null;
  request_id: string | null;
  /** The entry point: command, modal, button or workflow (NULL on rows older than the column) */
  source: string | null;
  /** The Workflow Builder step run (`function_execution_id`) a request came from */
  step_execution_id: string | null;
}

export interface ActionClaimsTable {
  dedup_key: string;
  action_id: string;
  expires_at: EpochMs;
}

export interface SeenRequestsTable {
  signature: string;
  expires_at: EpochMs;
}

/** The row /healthz writes to learn whether writes go through again (migration 0007). */
export interface WriteProbeTable {
  name: string;
  written_at: EpochMs;
  payload: string;
}

export interface Database {
  call_threads: CallThreadsTable;
  call_members: CallMembersTable;
  actions: ActionsTable;
  action_claims: ActionClaimsTable;
  seen_requests: SeenRequestsTable;
  write_probe: WriteProbeTable;
}

export const Outcome = z.enum([
  'pending',
  'ok',
  'failed',
  'denied',
  'invalid',
  'unknown',
  'duplicate',
  // A request waiting for another person's OK, and how it ended.
  'awaiting_approval',
  'approved',
  'rejected',
  'expired',
]);
export type Outcome = z.infer<typeof Outcome>;

export interface CallThread {
  id: string;
  teamId: string;
  channelId: string;
  phloId: string;
  nodeId: string;
  threadTs: string;
  createdAt: Date;
  lastActionAt: Date;
  /** JSON the caller owns (the call card's state); `undefined` is stored as `null`. */
  state: unknown;
}

/** A member of a call's thread: where they are in it is the store's, `data` is the caller's JSON. */
export interface ThreadMember {
  address: string;
  /** Still on the call. */
  present: boolean;
  data: unknown;
}

export interface ActionRecord {
  id: string;
  createdAt: Date;
  completedAt?: Date;
  teamId: string;
  channelId: string;
  threadTs?: string;
  userId: string;
  action: string;
  phloId?: string;
  nodeId?: string;
  member?: string;
  params: Record<string, string>;
  outcome: Outcome;
  httpStatus?: number;
  apiId?: string;
  error?: string;
  latencyMs?: number;
  dedupKey?: string;
  duplicateOf?: string;
  /** Why the requester asked, when the action needed approval. */
  reason?: string;
  /** The draft's input as given, on a request (so its approval runs exactly that). */
  input?: Record<string, unknown>;
  /** When an undecided request expires. */
  expiresAt?: Date;
  /** Who approved or rejected a request, and when. */
  decidedBy?: string;
  decidedAt?: Date;
  /** The request's message in the call's thread. */
  requestTs?: string;
  /** On an action carried out after approval: who approved it, and the request it carried out. */
  approvedBy?: string;
  requestId?: string;
  /** The entry point it came through (command, modal, button, workflow); absent on older rows. */
  source?: string;
  /** The Workflow Builder step run it came from, completed once the request ends. */
  stepExecutionId?: string;
}

const EpochMsValue = z.union([z.number(), z.string().regex(/^-?\d+$/)]).transform((value, ctx) => {
  const ms = Number(value);
  if (!Number.isSafeInteger(ms)) {
    ctx.addIssue({ code: 'custom', message: `not an epoch-milliseconds integer: ${String(value)}` });
    return z.NEVER;
  }
  return new Date(ms);
});

const JsonText = z.string().transform((text, ctx): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'not valid JSON' });
    return z.NEVER;
  }
});

/** SQL NULL becomes an absent property, so records carry no `undefined` noise. */
const optionalString = z.string().nullable().transform((v) => v ?? undefined);
const optionalInt = z.number().int().nullable().transform((v) => v ?? undefined);
const optionalEpochMs = EpochMsValue.nullable().transform((v) => v ?? undefined);

export const CallThreadRow = z
  .object({
    id: z.string(),
    team_id: z.string(),
    channel_id: z.string(),
    phlo_id: z.string(),
    node_id: z.string(),
    thread_ts: z.string(),
    created_at: EpochMsValue,
    last_action_at: EpochMsValue,
    state: JsonText,
  })
  .transform(
    (r): CallThread => ({
      id: r.id,
      teamId: r.team_id,
      channelId: r.channel_id,
      phloId: r.phlo_id,
      nodeId: r.node_id,
      threadTs: r.thread_ts,
      createdAt: r.created_at,
      lastActionAt: r.last_action_at,
      state: r.state,
    }),
  );
export type CallThreadRow = z.input<typeof CallThreadRow>;

export const ThreadMemberRow = z
  .object({
    address: z.string(),
    // PostgreSQL's integer arrives as a number; a boolean never reaches SQL here.
    present: z.union([z.literal(0), z.literal(1)]),
    data: JsonText,
  })
  .transform((r): ThreadMember => ({ address: r.address, present: r.present === 1, data: r.data }));
export type ThreadMemberRow = z.input<typeof ThreadMemberRow>;

export const ActionRow = z
  .object({
    id: z.string(),
    created_at: EpochMsValue,
    completed_at: optionalEpochMs,
    team_id: z.string(),
    channel_id: z.string(),
    thread_ts: optionalString,
    user_id: z.string(),
    action: z.string(),
    phlo_id: optionalString,
    node_id: optionalString,
    member: optionalString,
    params: JsonText.pipe(z.record(z.string(), z.string())),
    outcome: Outcome,
    http_status: optionalInt,
    api_id: optionalString,
    error: optionalString,
    latency_ms: optionalInt,
    dedup_key: optionalString,
    duplicate_of: optionalString,
    // Columns added by a later migration: absent from rows read through an older schema.
    reason: optionalString.optional(),
    input: JsonText.pipe(z.record(z.string(), z.unknown())).nullable().optional(),
    expires_at: optionalEpochMs.optional(),
    decided_by: optionalString.optional(),
    decided_at: optionalEpochMs.optional(),
    request_ts: optionalString.optional(),
    approved_by: optionalString.optional(),
    request_id: optionalString.optional(),
    source: optionalString.optional(),
    step_execution_id: optionalString.optional(),
  })
  .transform((r): ActionRecord => {
    const record: ActionRecord = {
      id: r.id,
      createdAt: r.created_at,
      teamId: r.team_id,
      channelId: r.channel_id,
      userId: r.user_id,
      action: r.action,
      params: r.params,
      outcome: r.outcome,
    };
    if (r.completed_at !== undefined) record.completedAt = r.completed_at;
    if (r.thread_ts !== undefined) record.threadTs = r.thread_ts;
    if (r.phlo_id !== undefined) record.phloId = r.phlo_id;
    if (r.node_id !== undefined) record.nodeId = r.node_id;
    if (r.member !== undefined) record.member = r.member;
    if (r.http_status !== undefined) record.httpStatus = r.http_status;
    if (r.api_id !== undefined) record.apiId = r.api_id;
    if (r.error !== undefined) record.error = r.error;
    if (r.latency_ms !== undefined) record.latencyMs = r.latency_ms;
    if (r.dedup_key !== undefined) record.dedupKey = r.dedup_key;
    if (r.duplicate_of !== undefined) record.duplicateOf = r.duplicate_of;
    if (r.reason !== undefined) record.reason = r.reason;
    if (r.input !== undefined && r.input !== null) record.input = r.input;
    if (r.expires_at !== undefined) record.expiresAt = r.expires_at;
    if (r.decided_by !== undefined) record.decidedBy = r.decided_by;
    if (r.decided_at !== undefined) record.decidedAt = r.decided_at;
    if (r.request_ts !== undefined) record.requestTs = r.request_ts;
    if (r.approved_by !== undefined) record.approvedBy = r.approved_by;
    if (r.request_id !== undefined) record.requestId = r.request_id;
    if (r.source !== undefined) record.source = r.source;
    if (r.step_execution_id !== undefined) record.stepExecutionId = r.step_execution_id;
    return record;
  });
export type ActionRow = z.input<typeof ActionRow>;

/** Validates one database row at the edge; a mismatch is a CorruptRowError naming the table, row and fields. */
export function parseRow<S extends z.ZodType>(schema: S, table: string, row: unknown): z.output<S> {
  const result = schema.safeParse(row);
  if (result.success) return result.data;
  const id = typeof row === 'object' && row !== null && 'id' in row && typeof row.id === 'string' ? row.id : undefined;
  const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(row)'}: ${issue.message}`);
  throw new CorruptRowError(table, id, issues, { cause: result.error });
}
