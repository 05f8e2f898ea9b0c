/**
 * PHLO response bodies as documented in the vendor reference, validated with zod and mapped from
 * snake_case to the camelCase results the client returns. Unknown fields are accepted and dropped,
 * so PHLO adding a field never breaks us.
 */
import { z } from 'zod';

/** GET /phlo/{phlo_id} */
export const PhloDetails = z
  .object({ api_id: z.string(), phlo_id: z.string(), name: z.string(), created_on: z.string() })
  .transform((b) => ({ apiId: b.api_id, phloId: b.phlo_id, name: b.name, createdOn: b.created_on }));
export type PhloDetails = z.infer<typeof PhloDetails>;

/** POST /account/{auth_id}/phlo/{phlo_id}. PHLO's `api_id` here is the run id; `runId` repeats it. */
export const PhloRunStarted = z
  .object({ api_id: z.string(), phlo_id: z.string(), message: z.string() })
  .transform((b) => ({ apiId: b.api_id, runId: b.api_id, phloId: b.phlo_id, message: b.message }));
export type PhloRunStarted = z.infer<typeof PhloRunStarted>;

/** GET /phlo/{phlo_id}/runs/{run_id} */
export const PhloRun = z
  .object({
    api_id: z.string(),
    phlo_id: z.string(),
    run_id: z.string(),
    call_uuids: z.array(z.string()),
    message_uuids: z.array(z.string()),
    recording_ids: z.array(z.string()),
  })
  .transform((b) => ({
    apiId: b.api_id,
    phloId: b.phlo_id,
    runId: b.run_id,
    callUuids: b.call_uuids,
    messageUuids: b.message_uuids,
    recordingIds: b.recording_ids,
  }));
export type PhloRun = z.infer<typeof PhloRun>;

/** GET /phlo/{phlo_id}/multi_party_call/{node_id} */
export const MultiPartyCallNode = z
  .object({
    api_id: z.string(),
    node_id: z.string(),
    phlo_id: z.string(),
    name: z.string(),
    node_type: z.string(),
    created_on: z.string(),
  })
  .transform((b) => ({
    apiId: b.api_id,
    nodeId: b.node_id,
    phloId: b.phlo_id,
    name: b.name,
    nodeType: b.node_type,
    createdOn: b.created_on,
  }));
export type MultiPartyCallNode = z.infer<typeof MultiPartyCallNode>;

/** 201 `{api_id, error: ""}` answered to every multiparty call and member action. */
export const PhloActionResult = z
  .object({ api_id: z.string(), error: z.string().optional() })
  .transform((b) => ({ apiId: b.api_id }));
export type PhloActionResult = z.infer<typeof PhloActionResult>;

/** What a failure body may carry. Both fields are optional: a 404 can come with `{}` or nothing. */
export const PhloErrorBody = z
  .object({ api_id: z.string().optional(), error: z.string().optional() })
  .transform((b) => ({ apiId: b.api_id, error: b.error }));
export type PhloErrorBody = z.infer<typeof PhloErrorBody>;
