/**
 * The words of phlo-bot's world: roles in a call, transfer modes, run keys. The verbs are the
 * catalogue's (src/actions/catalogue), listed nowhere else.
 */

export const MEMBER_ROLES = ['agent', 'customer'] as const;
/** A call participant's role in PHLO (not a phlo-bot permission role). */
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const TRANSFER_MODES = ['warm', 'cold'] as const;
export type TransferMode = (typeof TRANSFER_MODES)[number];

export const HISTORY_LIMIT = { min: 1, max: 50 } as const;

/** A run parameter's key. Keys go to PHLO exactly as typed: never renamed or case-changed. */
export const RUN_PARAM_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
