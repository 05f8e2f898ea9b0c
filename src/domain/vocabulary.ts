/** The words of phlo-bot's world: verbs, member actions, roles in a call, transfer modes, run keys. */

export const MEMBER_VERBS = ['hold', 'unhold', 'hangup', 'resume', 'abort', 'voicemail'] as const;
export type MemberVerb = (typeof MEMBER_VERBS)[number];

/** Every verb, in the order `/phlo help` lists them. */
export const VERBS = [
  'help',
  'whoami',
  'call',
  'transfer',
  ...MEMBER_VERBS,
  'run',
  'status',
  'run-status',
  'history',
] as const;
export type Verb = (typeof VERBS)[number];

export const MEMBER_ROLES = ['agent', 'customer'] as const;
/** A call participant's role in PHLO (not a phlo-bot permission role). */
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const TRANSFER_MODES = ['warm', 'cold'] as const;
export type TransferMode = (typeof TRANSFER_MODES)[number];

export const HISTORY_LIMIT = { min: 1, max: 50 } as const;

/** A run parameter's key. Keys go to PHLO exactly as typed: never renamed or case-changed. */
export const RUN_PARAM_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export function isVerb(word: string): word is Verb {
  return (VERBS as readonly string[]).includes(word);
}

export function isMemberVerb(word: string): word is MemberVerb {
  return (MEMBER_VERBS as readonly string[]).includes(word);
}

