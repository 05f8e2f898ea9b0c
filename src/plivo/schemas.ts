/**
 * PHLO response bodies, validated with zod and mapped from snake_case to the camelCase results the
 * client returns.
 *
 * Success bodies are read leniently. PHLO's own documentation, and the bodies the vendor's SDKs test
 * against, disagree on which fields a 2xx carries: `api_id` is often missing, a run may name its id
 * `phlo_run_id` and carry no `message`, descriptive fields come and go. A 2xx means PHLO did what was
 * asked, so a missing or mistyped field only means less detail: every field is optional, one of the
 * wrong type is dropped, and unknown fields are ignored. Only a body that is not a JSON object at all
 * is unreadable (see the client for what that means on a GET and on an action).
 */
import { z } from 'zod';

/** A field that is kept when it is a string and dropped otherwise. */
const text = z.string().optional().catch(undefined);
/** A list of ids that is kept when it is a list of strings and dropped otherwise. */
const ids = z.array(z.string()).optional().catch(undefined);

/** The object without its undefined entries, so a missing field is absent rather than `undefined`. */
function present<T extends Record<string, unknown>>(object: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  // A loop rather than entries/filter/fromEntries: this runs on every answer PHLO gives.
  const out: Record<string, unknown> = {};
  for (const key in object) if (object[key] !== undefined) out[key] = object[key];
  return out as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/** `""` says nothing: PHLO writes `"error": ""` on success, and the Go SDK's fixtures `"phlo_run_id": ""`. */
const nonEmpty = (value: string | undefined): string | undefined => (value === '' ? undefined : value);

/** GET /phlo/{phlo_id} */
export const PhloDetails = z
  .object({ api_id: text, phlo_id: text, name: text, created_on: text })
  .transform((b) => present({ apiId: nonEmpty(b.api_id), phloId: b.phlo_id, name: b.name, createdOn: b.created_on }));
export type PhloDetails = z.infer<typeof PhloDetails>;

/**
 * POST /account/{auth_id}/phlo/{phlo_id}. The reference says `api_id` is the run id; some answers
 * also (or only) carry `phlo_run_id`, which then names the run.
 */
export const PhloRunStarted = z
  .object({ api_id: text, phlo_run_id: text, phlo_id: text, message: text })
  .transform((b) =>
    present({
      apiId: nonEmpty(b.api_id),
      runId: nonEmpty(b.phlo_run_id) ?? nonEmpty(b.api_id),
      phloId: b.phlo_id,
      message: b.message,
    }),
  );
export type PhloRunStarted = z.infer<typeof PhloRunStarted>;

/** GET /phlo/{phlo_id}/runs/{run_id} */
export const PhloRun = z
  .object({
    api_id: text,
    phlo_id: text,
    run_id: text,
    call_uuids: ids,
    message_uuids: ids,
    recording_ids: ids,
  })
  .transform((b) =>
    present({
      apiId: nonEmpty(b.api_id),
      phloId: b.phlo_id,
      runId: b.run_id,
      callUuids: b.call_uuids,
      messageUuids: b.message_uuids,
      recordingIds: b.recording_ids,
    }),
  );
export type PhloRun = z.infer<typeof PhloRun>;

/** GET /phlo/{phlo_id}/multi_party_call/{node_id} */
export const MultiPartyCallNode = z
  .object({
    api_id: text,
    node_id: text,
    phlo_id: text,
    name: text,
    node_type: text,
    created_on: text,
  })
  .transform((b) =>
    present({
      apiId: nonEmpty(b.api_id),
      nodeId: b.node_id,
      phloId: b.phlo_id,
      name: b.name,
      nodeType: b.node_type,
      createdOn: b.created_on,
    }),
  );
export type MultiPartyCallNode = z.infer<typeof MultiPartyCallNode>;

/**
 * The answer to every multiparty call and member action: documented as 201 `{api_id, error: ""}`.
 * A non-empty `error` on a 2xx is kept as PHLO's words for the user to read; the action still happened.
 */
export const PhloActionResult = z
  .object({ api_id: text, error: text })
  .transform((b) => present({ apiId: nonEmpty(b.api_id), error: nonEmpty(b.error) }));
export type PhloActionResult = z.infer<typeof PhloActionResult>;

/** What a failure body may carry. Both fields are optional: a 404 can come with `{}` or nothing. */
export const PhloErrorBody = z
  .object({ api_id: z.string().optional(), error: z.string().optional() })
  .transform((b) => ({ apiId: b.api_id, error: b.error }));
export type PhloErrorBody = z.infer<typeof PhloErrorBody>;
