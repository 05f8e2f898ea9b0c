/**
 * Every Block Kit id the app sends or matches, in one place. Listeners match on these;
 * views build with them. Never copy one of these strings elsewhere.
 */
export const COMMAND = '/phlo';

/** Buttons that run a catalogue action: `phlo_action:<action>:<index>` (unique within a message). */
export const ACTION_BUTTON_PREFIX = 'phlo_action';
export const ACTION_BUTTON_PATTERN = /^phlo_action:[a-z_]+:\d+$/;
export const actionButtonId = (action: string, index: number): string => `${ACTION_BUTTON_PREFIX}:${action}:${index}`;

/** Approve and Reject on a request for approval (in the call's thread and on App Home). */
export const APPROVAL_ACTION_IDS = {
  approve: 'approval_approve',
  reject: 'approval_reject',
} as const;

export const BLOCK_IDS = {
  cardHeader: 'call_card_header',
  cardMembers: 'call_card_members',
  cardTransfer: 'call_card_transfer',
  cardPending: 'call_card_pending',
  cardLast: 'call_card_last',
  cardActions: 'call_card_actions',
  replyText: 'reply_text',
  replyFacts: 'reply_facts',
  replyActions: 'reply_actions',
  approvalText: 'approval_text',
  approvalDecision: 'approval_decision',
  approvalAskedOf: 'approval_asked_of',
  approvalActions: 'approval_actions',
} as const;

// --- Modals. Listeners match views by callback_id; readers find fields by block_id + action_id. ---

/** The callback_id of each modal: a view_submission is routed (and read) by it. */
export const MODAL_CALLBACK_IDS = {
  picker: 'phlo_modal_picker',
  call: 'phlo_modal_call',
  transfer: 'phlo_modal_transfer',
  member: 'phlo_modal_member',
  run: 'phlo_modal_run',
} as const;

/** The block_id of each modal block; inline errors (`response_action: 'errors'`) are keyed by these. */
export const MODAL_BLOCK_IDS = {
  context: 'modal_context',
  notice: 'modal_notice',
  picker: 'modal_picker',
  phlo: 'modal_phlo',
  node: 'modal_node',
  mode: 'modal_mode',
  to: 'modal_to',
  role: 'modal_role',
  from: 'modal_from',
  member: 'modal_member',
  memberOnCall: 'modal_member_on_call',
  memberAction: 'modal_member_action',
  params: 'modal_params',
  reason: 'modal_reason',
} as const;

/**
 * The action_id of each modal element. `picker` dispatches a block_actions payload when an action
 * is chosen, `phlo` (and, in the member form, `node`) when one is chosen; the listeners answer with
 * views.update. The others are only read on submission.
 */
export const MODAL_ACTION_IDS = {
  picker: 'modal_picker_select',
  phlo: 'modal_phlo_select',
  node: 'modal_node_select',
  mode: 'modal_mode_radio',
  to: 'modal_to_input',
  role: 'modal_role_radio',
  from: 'modal_from_input',
  member: 'modal_member_input',
  memberOnCall: 'modal_member_on_call_select',
  memberAction: 'modal_member_action_radio',
  params: 'modal_params_input',
  reason: 'modal_reason_input',
} as const;

/**
 * An element's action_id for one PHLO or node: `<base>:<id>`. A redraw for another PHLO (node) then
 * holds a new element, which Slack starts on its initial option instead of keeping the old choice.
 */
export const scopedActionId = (base: string, scope: string): string => `${base}:${scope}`;
/** Whether `actionId` is `base`, or `base` scoped to some id. */
export const isActionIdOf = (actionId: string, base: string): boolean => actionId === base || actionId.startsWith(`${base}:`);
/** The node select's action_id, plain or scoped: the member form's listener matches it. */
export const MODAL_NODE_ACTION_PATTERN = /^modal_node_select(:[A-Za-z0-9_.-]{1,64})?$/;

// --- History (`/phlo history`) and the App Home tab. ---

export const HISTORY_BLOCK_IDS = {
  title: 'history_title',
  /** Row sections are `history_rows_<n>`. */
  rows: 'history_rows',
  footer: 'history_footer',
  notice: 'history_notice',
} as const;

export const HOME_BLOCK_IDS = {
  header: 'home_header',
  intro: 'home_intro',
  identity: 'home_identity',
  recentTitle: 'home_recent_title',
  /** Row sections are `home_recent_<n>`. */
  recent: 'home_recent',
  waitingTitle: 'home_waiting_title',
  /** Each waiting request is `home_waiting_<n>`, its buttons `home_waiting_actions_<n>`. */
  waiting: 'home_waiting',
  footer: 'home_footer',
} as const;
