/**
 * Every sentence a Slack user reads, in one place. Errors carry codes and data; this module
 * turns them into words. Anything interpolated from user input or PHLO is escaped here.
 */
import { CATALOGUE, type ActionName } from './actions/catalogue/index.js';
import type { PhloError } from './plivo/index.js';
import { code, escapeMrkdwn } from './views/escape.js';
import {
  DuplicateActionError,
  InvalidInputError,
  InvalidPayloadError,
  NoDefaultNodeError,
  NoDefaultPhloError,
  NoOwnAddressError,
  NotPermittedError,
  UnknownNodeError,
  UnknownPhloError,
} from './actions/errors.js';
import {
  DuplicateFlagError,
  InvalidAddressError,
  InvalidArgumentError,
  MissingArgumentError,
  MissingFlagValueError,
  UnexpectedArgumentError,
  UnknownCommandError,
  UnknownFlagError,
  UnterminatedQuoteError,
} from './commands/errors.js';
import { usageOf as usageFor } from './commands/usage.js';
import { actionPhrase } from './views/actionWords.js';
import { decodeEntities } from './commands/tokenize.js';
import { FormChangedError, FormExpiredError } from './slack/errors.js';


const list = (items: readonly string[]): string => (items.length === 0 ? 'none' : items.map((i) => code(i)).join(', '));

/** Action labels of the app's catalogue, by name, for records shown outside a catalogue's views. */
export const ACTION_LABELS: Readonly<Record<ActionName, string>> = Object.fromEntries(
  CATALOGUE.entries.map((spec) => [spec.name, spec.words.label]),
) as Record<ActionName, string>;

export const UNKNOWN_OUTCOME_ADVICE =
  'The outcome is unknown: PHLO may or may not have acted. Check the call before trying again.';

/** Shown for an unexpected error; the id is in the log line for it. */
export const unexpectedError = (errorId: string): string =>
  `:warning: Something went wrong on our side. Please try again; if it keeps happening, give your Slack admin this error id: ${code(errorId)}.`;

export const notPermitted = (permission: string, role: string | undefined): string =>
  role === undefined
    ? `:no_entry: You are not in phlo-bot's role map, so you can't ${code(permission)}. Ask your Slack admin to add you.`
    : `:no_entry: Your role ${code(role)} does not have the ${code(permission)} permission.`;

export const duplicateAction = (link: string | undefined): string =>
  `:repeat: That exact action was just sent, so it was not sent to PHLO again. ${
    link === undefined
      ? "The first one is still being handled: its result will appear in the call's thread."
      : `See the first result: <${link}|in the call thread>.`
  }`;

/** Above a result that could not be posted in the channel: PHLO has acted, so no "try again". */
export const threadUnavailable =
  ':information_source: phlo-bot could not post this in the channel (is the bot a member? `/invite @phlo-bot`), so only you see it. PHLO has already acted: do not repeat the action.';

/** Above a result whose record failed: PHLO has acted, so again no "try again". */
export const outcomeNotRecorded = (errorId: string): string =>
  `:warning: phlo-bot could not write this result to its history (error id ${code(errorId)}; give it to your Slack admin). PHLO has already answered as shown above: do not repeat the action.`;

export const unknownPhlo = (input: string, known: readonly string[]): string =>
  `:question: Unknown PHLO ${code(decodeEntities(input))}. Known PHLOs: ${list(known)}.`;
export const unknownNode = (input: string, phlo: string, known: readonly string[]): string =>
  `:question: PHLO ${code(phlo)} has no node ${code(decodeEntities(input))}. Known nodes: ${list(known)}.`;
export const noDefaultPhlo = (known: readonly string[]): string =>
  `:question: This channel has no default PHLO: add ${code('--phlo')} (known: ${list(known)}).`;
export const noDefaultNode = (phlo: string, known: readonly string[]): string =>
  `:question: PHLO ${code(phlo)} has no default node: add ${code('--node')} (known: ${list(known)}).`;
export const noOwnAddress =
  `:question: You have no address configured to start this from: add ${code('--from <your number or SIP address>')}, or ask your admin to set yours.`;
export const invalidInput = (field: string, problem: string): string =>
  `:warning: ${code(field)}: ${escapeMrkdwn(problem)}`;
/** Answered to a slash command from a workspace this app does not serve. */
export const foreignWorkspace = 'phlo-bot is not set up for this Slack workspace, so it did nothing.';
export const formExpired =
  ':hourglass: The form took too long to open, so Slack dropped it. Run the command again.';
export const formChanged =
  ':arrows_counterclockwise: The form changed while phlo-bot was updating it. Pick the action again.';
export const invalidPayload = ':warning: That button or form is not valid any more. Start again from `/phlo`.';

/** A PHLO failure in plain words, for the call's thread (SPEC §6). */
export function phloFailure(error: PhloError, timeoutMs: number): string {
  const said = error.phloError === undefined || error.phloError === '' ? '' : ` PHLO said: “${escapeMrkdwn(error.phloError)}”`;
  const status = error.status === undefined ? '' : ` (HTTP ${error.status})`;
  switch (error.code) {
    case 'PHLO_UNAUTHORIZED':
      return `PHLO rejected phlo-bot's PHLO credentials${status}. Ask your admin to check PLIVO_AUTH_ID and PLIVO_AUTH_TOKEN.`;
    case 'PHLO_NOT_FOUND':
      return `PHLO could not find the PHLO, node or member${status}.${said}`;
    case 'PHLO_BAD_REQUEST':
      return `PHLO refused the request${status}.${said || ' It gave no reason.'}`;
    case 'PHLO_SERVER_ERROR':
      return `PHLO had a server error${status}.${said} PHLO may still have acted: check the call before trying again.`;
    case 'PHLO_RATE_LIMITED':
      return `PHLO is limiting requests right now${status}. Try again in a moment.`;
    case 'PHLO_METHOD_NOT_ALLOWED':
      return `PHLO does not allow this request${status}.${said}`;
    case 'PHLO_TIMEOUT':
      return `PHLO did not answer within ${Math.round(timeoutMs / 100) / 10} s.`;
    case 'PHLO_CONNECTION':
      return error.outcomeKnown
        ? 'phlo-bot could not reach PHLO, so nothing was sent. Try again in a moment.'
        : 'The connection to PHLO broke after the request was sent.';
    case 'PHLO_INVALID_RESPONSE':
      return `PHLO answered${status}, but with something phlo-bot could not read.`;
    case 'PHLO_INVALID_ARGUMENT':
      return 'phlo-bot did not send this to PHLO: an id or address in it was empty.';
    default:
      return `PHLO answered with an unexpected status${status}.${said}`;
  }
}

// --- Requests refused before reaching PHLO: answered to that user alone. ---

const usageOf = (verb: string): string => {
  const usage = usageFor(verb);
  return usage === undefined ? '' : `Usage: ${code(usage.synopsis)}`;
};

/** Text the user typed, quoted back: Slack sent it entity-encoded, and code() encodes it once. */
const typed = (text: string): string => code(decodeEntities(text));

const ADDRESS_REASON = {
  format: 'is not a phone number or a SIP address (sip:user@host)',
  phone_length: 'is not a phone number of 8 to 15 digits',
  sip_user: 'has no valid user before the @',
  sip_host: 'has no valid host after the @',
  too_long: 'is longer than any phone number or SIP address (200 characters at most)',
} as const;

/** The sentence for an error we expect, or undefined for one we don't (a bug, an outage). */
export function userMessage(error: unknown): string | undefined {
  if (error instanceof FormExpiredError) return formExpired;
  if (error instanceof FormChangedError) return formChanged;
  if (error instanceof NotPermittedError) return notPermitted(error.permission, error.role);
  if (error instanceof DuplicateActionError) return duplicateAction(error.firstResultLink);
  if (error instanceof UnknownPhloError) return unknownPhlo(error.input, error.known);
  if (error instanceof UnknownNodeError) return unknownNode(error.input, error.phlo, error.known);
  if (error instanceof NoDefaultPhloError) return noDefaultPhlo(error.known);
  if (error instanceof NoDefaultNodeError) return noDefaultNode(error.phlo, error.known);
  if (error instanceof NoOwnAddressError) return noOwnAddress;
  if (error instanceof InvalidInputError) return invalidInput(error.inputField, error.problem);
  if (error instanceof InvalidPayloadError) return invalidPayload;
  if (error instanceof UnknownCommandError) {
    const hint = error.suggestion === undefined ? '' : ` Did you mean ${code(`/phlo ${error.suggestion}`)}?`;
    return `:question: ${typed(error.input)} is not a phlo-bot command.${hint} Try ${code('/phlo help')}.`;
  }
  if (error instanceof UnknownFlagError) {
    const hint =
      error.suggestion !== undefined
        ? ` Did you mean ${code(error.suggestion)}?`
        : error.allowed.length > 0
          ? ` It takes: ${error.allowed.map((f) => code(f)).join(', ')}.`
          : ' It takes no flags.';
    return `:warning: ${code(error.verb)} has no flag ${typed(error.flag)}.${hint}\n${usageOf(error.verb)}`;
  }
  if (error instanceof DuplicateFlagError) {
    return `:warning: ${code(error.flag)} is given more than once.\n${usageOf(error.verb)}`;
  }
  if (error instanceof MissingFlagValueError) {
    return `:warning: ${code(error.flag)} needs a value.\n${usageOf(error.verb)}`;
  }
  if (error instanceof InvalidAddressError) {
    const why = error.reason === 'phone_length' && error.digits !== undefined
      ? `has ${error.digits} digits; a phone number has 8 to 15`
      : ADDRESS_REASON[error.reason];
    return `:warning: ${code(error.argument)} ${code(error.display)} ${why}.`;
  }
  if (error instanceof InvalidArgumentError) return invalidArgument(error);
  if (error instanceof UnexpectedArgumentError) {
    return `:warning: Unexpected ${typed(error.input)}.\n${usageOf(error.verb)}`;
  }
  if (error instanceof MissingArgumentError) {
    return `:warning: ${code(error.verb)} is missing ${error.missing.map((m) => code(m)).join(' and ')}.\n${usageOf(error.verb)}`;
  }
  if (error instanceof UnterminatedQuoteError) {
    return `:warning: A quote (${escapeMrkdwn(error.quote)}) is opened but never closed.`;
  }
  return undefined;
}

function invalidArgument(error: InvalidArgumentError): string {
  const allowed = error.allowed === undefined ? '' : ` (one of ${error.allowed.map((a) => code(a)).join(', ')})`;
  const hint = error.suggestion === undefined ? '' : ` Did you mean ${code(error.suggestion)}?`;
  switch (error.reason) {
    case 'unknown_role':
      return `:warning: ${typed(error.input)} is not a role${allowed}.${hint}`;
    case 'unknown_mode':
      return `:warning: A transfer is ${code('warm')} or ${code('cold')}, not ${typed(error.input)}.${hint}`;
    case 'limit_not_1_to_50':
      return `:warning: ${code('--limit')} must be a whole number from 1 to 50, not ${typed(error.input)}.`;
    case 'param_not_key_value':
      return `:warning: Run parameters are ${code('key=value')}; ${typed(error.input)} is not.`;
    case 'param_empty_key':
      return `:warning: ${typed(error.input)} has no key before the ${code('=')}.`;
    case 'param_bad_key':
      return `:warning: ${typed(error.key ?? error.input)} is not a valid parameter name (letters, digits, _ . -, not starting with a digit).`;
    case 'param_duplicate_key':
      return `:warning: Parameter ${typed(error.key ?? error.input)} is given twice.`;
    case 'flag_takes_no_value':
      return `:warning: ${code(`--${error.argument}`)} takes no value.`;
  }
}

/** Posted in a call's thread at start for an action a crash left without an outcome. */
export function unknownOutcomeNote(userId: string, action: string, member: string | undefined, params: Record<string, string>): string {
  return `:warning: phlo-bot restarted while <@${userId}>'s request to ${actionPhrase(CATALOGUE, action, member, params).todo} was in progress. Its outcome is unknown: <@${userId}>, please check the call (or ask the people on it) before trying again.`;
}

// --- Modals (SPEC §4): titles, labels, hints and the inline errors of a submission. ---
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
    memberAction: 'Action',
    params: 'Parameters',
  },
  placeholders: {
    phlo: 'Choose a PHLO',
    node: 'Choose a node',
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
    params: 'One key=value per line; no quotes needed. Leave empty to run without parameters.',
  },
} as const;

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
  required: 'This is required.',
  paramNotKeyValue: (line: number): string => `Line ${line} is not key=value.`,
  paramEmptyKey: (line: number): string => `Line ${line} has no key before the =.`,
  paramDuplicateKey: (line: number, key: string): string => `Line ${line}: parameter "${key.slice(0, 100)}" is given twice.`,
} as const;

/**
 * An error shown inline under a modal field: plain text (Slack shows inline errors
 * verbatim), so the mrkdwn of the ephemeral sentence is undone.
 */
export function inlineError(error: unknown): string | undefined {
  const text = userMessage(error);
  if (text === undefined) return undefined;
  return text
    .replace(/:[a-z_]+: /g, '')
    .replace(/`/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .split('\n')[0];
}

// --- History and App Home (SPEC §8): `/phlo history`, its CSV export, and the App Home tab. ---

/** Outcomes as a reader sees them in history and on the App Home tab. */
export const OUTCOME_LABELS: Record<string, string> = {
  pending: ':hourglass_flowing_sand: in progress',
  ok: ':white_check_mark: ok',
  failed: ':x: failed',
  unknown: ':warning: unknown',
  denied: ':no_entry: denied',
  invalid: ':pencil2: invalid',
  duplicate: ':repeat: duplicate',
};

/** Attempts that are not catalogue actions: refused before they became one, or the history itself. */
export const OTHER_ACTION_LABELS: Record<string, string> = {
  command: 'Command',
  button: 'Button',
  history: 'History',
};

export const HISTORY_TEXT = {
  /** The heading of `/phlo history` posted in the channel. */
  title: (count: number, channelId: string, member: string | undefined): string =>
    `*${count === 1 ? 'The last action' : `The last ${count} actions`} in <#${channelId}>${member === undefined ? '' : ` on ${code(member)}`}*`,
  /** The notification text: no mentions, so the history pings nobody by itself. */
  fallback: (count: number, member: string | undefined): string =>
    `phlo-bot history: ${count === 1 ? 'the last action' : `the last ${count} actions`} in this channel${member === undefined ? '' : ` on ${escapeMrkdwn(member)}`}`,
  empty: (channelId: string, member: string | undefined): string =>
    member === undefined
      ? `:information_source: No actions are recorded in <#${channelId}> yet.`
      : `:information_source: No actions on ${code(member)} are recorded in <#${channelId}>.`,
  emptyFallback: 'phlo-bot history: no actions recorded',
  askedBy: (userId: string): string => `Asked by <@${userId}> with \`/phlo history\` · times are in your time zone`,
  threadLink: 'call thread',
  /** Said to the asker alone when the bot may not post in the channel. */
  notInChannel:
    ":information_source: phlo-bot can't post in this conversation (invite it with `/invite @phlo-bot`), so here is the history for you alone.",
  csvNone: (member: string | undefined): string =>
    member === undefined
      ? ':information_source: No actions are recorded in this channel, so there is nothing to export.'
      : `:information_source: No actions on ${code(member)} are recorded in this channel, so there is nothing to export.`,
  csvComment: (channelId: string, count: number, member: string | undefined, capped: boolean): string =>
    `History of <#${channelId}>${member === undefined ? '' : ` on ${code(member)}`}: ${count} action${count === 1 ? '' : 's'}, newest first${capped ? ` (the newest ${count}; older ones are not included)` : ''}. Times are UTC.`,
  csvSent: (count: number, link: string | undefined): string =>
    `:page_facing_up: Sent you ${count} action${count === 1 ? '' : 's'} as a CSV file in a direct message from phlo-bot${link === undefined ? '' : ` (<${link}|open it>)`}.`,
  csvTitle: (channelId: string): string => `phlo-bot history of ${channelId}`,
} as const;

export const HOME_TEXT = {
  title: 'phlo-bot',
  intro: 'Drive PHLO multiparty calls from Slack. Type `/phlo help` in a channel to see the commands.',
  role: (role: string | undefined, via: 'user' | 'group' | undefined): string =>
    role === undefined
      ? "*Role*\n_none: you are not in phlo-bot's role map. Ask your Slack admin to add you._"
      : `*Role*\n${code(role)}${via === 'group' ? ' (through a user group)' : ''}`,
  address: (address: string | undefined): string =>
    `*Your address*\n${address === undefined ? '_none configured: pass `--from` when you call or transfer_' : code(address)}`,
  permissions: (permissions: readonly string[]): string =>
    `*Permissions*\n${permissions.length === 0 ? '_none_' : permissions.map((p) => code(p)).join(' ')}`,
  recentTitle: (count: number): string => `*Your last ${count === 1 ? 'action' : `${count} actions`}*`,
  recentEmpty: '_You have no recorded actions yet._',
  footer: 'Times are in your time zone. `/phlo history` in a channel shows everyone’s actions there.',
} as const;
