import { toPlain } from './rich.js';
import { userMessage } from './errors.js';

// Modals: titles, labels, hints and the inline errors of a submission.
// Plain text, not mrkdwn: Slack shows modal labels, hints and inline errors as written, so nothing
// here needs escaping. Titles, submit and close texts are at most 24 characters; option texts and
// option descriptions at most 75.

export const MODAL_TEXT = {
  titles: {
    picker: 'PHLO',
    call: 'Add to the call',
    transfer: 'Transfer the call',
    member: 'Act on a member',
    run: 'Run a PHLO',
  },
  submit: { call: 'Call', transfer: 'Transfer', member: 'Send', run: 'Run' },
  close: 'Cancel',
  pickerPrompt: 'What do you want to do?',
  pickerPlaceholder: 'Choose an action',
  labels: {
    phlo: 'PHLO',
    node: 'Multiparty call node',
    mode: 'Transfer type',
    to: 'Number or SIP address to call',
    role: 'Their role on the call',
    from: 'From',
    member: 'Member',
    memberOnCall: 'Member on the call',
    memberTyped: 'Or another number or SIP address',
    memberAction: 'Action',
    params: 'Parameters',
    reason: 'Reason (for the approver)',
  },
  placeholders: {
    phlo: 'Choose a PHLO',
    node: 'Choose a node',
    memberOnCall: 'Choose a member',
    address: '+14155550100 or sip:bob@phone.plivo.com',
    params: 'key=value, one per line',
  },
  modes: {
    warm: { text: 'Warm', description: 'Talk to them first, then resume or abort the transfer' },
    cold: { text: 'Cold', description: 'Hand the call over at once' },
  },
  roles: { agent: 'Agent', customer: 'Customer' },
  hints: {
    node: 'Nodes are grouped by PHLO: choose one under the PHLO above.',
    from: 'Your own number or SIP address: PHLO starts the call through it.',
    member: 'Their number or SIP address. For Resume and Abort: the member who started the warm transfer.',
    memberOnCall: "Those the call's card shows on the call now. For Resume and Abort: the one the warm transfer was made from.",
    params: 'One key=value per line; no quotes needed. Leave empty to run without parameters.',
    reason: 'Some actions need another person’s OK: say why, so they can decide.',
  },
} as const;

/** A member on the call, as the member form's select offers them: "+14155551234 · customer · on hold". */
export const memberOptionText = (address: string, role: string | undefined, held: boolean): string =>
  [address, role, held ? 'on hold' : undefined].filter((part) => part !== undefined).join(' · ');

/** The context line at the top of each modal: where the result will be posted. */
export const modalActingIn = (channelId: string): string => `The result is posted in the call's thread in <#${channelId}>.`;

/** Shown in place of the fields when no configured PHLO has a multiparty call node. */
export const modalNoNodes =
  "No PHLO in phlo-bot's configuration has a multiparty call node, so there is nothing to act on here. Ask your Slack admin to add one.";

/** Hints on a select that could not show every configured choice (Slack allows 100 options). */
export const modalPhlosTruncated = (shown: number, total: number): string =>
  `Showing ${shown} of ${total} PHLOs. For another, type it in the command: --phlo <alias>.`;
export const modalNodesTruncated = (shown: number, total: number): string =>
  `Showing ${shown} of ${total} nodes, those of the preselected PHLO first. For another, type it in the command: --phlo <alias> --node <alias>.`;
/** A prefill the command typed that the configuration doesn't name. */
export const modalUnknownPhlo = (input: string): string =>
  `"${input.slice(0, 100)}" is not a PHLO phlo-bot knows: choose one from the list.`;
export const modalUnknownNode = (input: string): string =>
  `"${input.slice(0, 100)}" is not a node of that PHLO: choose one from the list.`;
export const modalParamsDropped = (dropped: number): string =>
  `${dropped} parameter${dropped === 1 ? '' : 's'} did not fit in this form and ${dropped === 1 ? 'was' : 'were'} left out.`;

/** Inline errors on a modal's fields (`response_action: 'errors'`), keyed by the field's block. */
export const MODAL_ERRORS = {
  expired: 'This form is no longer valid. Close it and start again from /phlo.',
  choosePhlo: 'Choose a PHLO from the list.',
  chooseNode: 'Choose a node from the list.',
  nodeOfOtherPhlo: 'This node belongs to another PHLO: choose one listed under the PHLO you picked.',
  chooseMode: 'Choose warm or cold.',
  chooseRole: 'Choose agent or customer.',
  chooseMemberAction: 'Choose an action.',
  addressRequired: 'Enter a phone number or a SIP address.',
  memberTwice: 'Choose a member on the call or type an address, not both.',
  required: 'This is required.',
  paramNotKeyValue: (line: number): string => `Line ${line} is not key=value.`,
  paramEmptyKey: (line: number): string => `Line ${line} has no key before the =.`,
  paramDuplicateKey: (line: number, key: string): string => `Line ${line}: parameter "${key.slice(0, 100)}" is given twice.`,
} as const;

/** An error shown inline under a modal field: the sentence alone, in plain text (Slack shows it as written). */
export function inlineError(error: unknown): string | undefined {
  const text = userMessage(error);
  return text === undefined ? undefined : toPlain(text);
}
