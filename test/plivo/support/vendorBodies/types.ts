/** The shape of a vendor body fixture, and the operation families bodies answer. */
import type { PhloOperation } from '../../../../src/plivo/index.js';

export interface VendorBody {
  /** `repo path` (at the commit noted when the file has changed), or `API reference: <section>`. */
  source: string;
  /** The operations this body answers in its source (for an action body: the family it belongs to). */
  operations: readonly PhloOperation[];
  status: number;
  /** Exactly as the source has it. */
  body: string;
  /** What a reader of this body can know. Absent keys: the body does not say. */
  expected: {
    apiId?: string;
    runId?: string;
    phloId?: string;
    name?: string;
    nodeId?: string;
    nodeType?: string;
    createdOn?: string;
    message?: string;
    callUuids?: string[];
    messageUuids?: string[];
    recordingIds?: string[];
  };
}

export const NODE_ACTIONS = ['call', 'warm_transfer', 'cold_transfer'] as const satisfies readonly PhloOperation[];
export const MEMBER_ACTIONS = ['hold', 'unhold', 'hangup', 'resume_call', 'abort_transfer', 'voicemail_drop'] as const satisfies readonly PhloOperation[];
/** Every action POST to a multiparty call node or one of its members. */
export const ACTION_OPERATIONS: readonly PhloOperation[] = [...NODE_ACTIONS, ...MEMBER_ACTIONS];
