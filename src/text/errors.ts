/**
 * What a user reads when their request is refused: one sentence per error code, chosen by an
 * exhaustive switch the compiler checks (a new user-facing error without a sentence does not
 * compile). Anything that came from the user or PHLO goes in as a part, escaped when rendered.
 */
import {
  DuplicateActionError,
  ForeignWorkspaceError,
  FormChangedError,
  FormExpiredError,
  InvalidInputError,
  InvalidPayloadError,
  StepInputsMalformedError,
  MemberLeftError,
  NoDefaultNodeError,
  NoDefaultPhloError,
  NoOwnAddressError,
  NotApproverError,
  RequesterNotPermittedError,
  NotPermittedError,
  UnknownNodeError,
  UnknownPhloError,
} from '../actions/errors.js';
import { RateLimitedError } from '../actions/rateLimit.js';
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
} from '../language/errors.js';
import { usageOf } from '../language/usage.js';
import { decodeEntities } from '../domain/text.js';
import { PhloBotError } from '../errors.js';
import { code } from './escape.js';
import { codeList, rich, type Part, type Rich } from './rich.js';

/** Every error a user is told about in words of its own. */
export type UserFacingError =
  | FormExpiredError
  | FormChangedError
  | ForeignWorkspaceError
  | NotPermittedError
  | NotApproverError
  | RequesterNotPermittedError
  | DuplicateActionError
  | MemberLeftError
  | RateLimitedError
  | UnknownPhloError
  | UnknownNodeError
  | NoDefaultPhloError
  | NoDefaultNodeError
  | NoOwnAddressError
  | InvalidInputError
  | InvalidPayloadError
  | StepInputsMalformedError
  | UnknownCommandError
  | UnknownFlagError
  | DuplicateFlagError
  | MissingFlagValueError
  | InvalidAddressError
  | InvalidArgumentError
  | UnexpectedArgumentError
  | MissingArgumentError
  | UnterminatedQuoteError;

/** The codes of UserFacingError, checked both ways by the compiler. */
const USER_FACING_CODES: Readonly<Record<UserFacingError['code'], true>> = {
  SLACK_FORM_EXPIRED: true,
  SLACK_FORM_CHANGED: true,
  FOREIGN_WORKSPACE: true,
  NOT_PERMITTED: true,
  NOT_APPROVER: true,
  REQUESTER_NOT_PERMITTED: true,
  DUPLICATE_ACTION: true,
  MEMBER_LEFT: true,
  RATE_LIMITED: true,
  UNKNOWN_PHLO: true,
  UNKNOWN_NODE: true,
  NO_DEFAULT_PHLO: true,
  NO_DEFAULT_NODE: true,
  NO_OWN_ADDRESS: true,
  INVALID_INPUT: true,
  INVALID_PAYLOAD: true,
  STEP_INPUTS_MALFORMED: true,
  UNKNOWN_COMMAND: true,
  UNKNOWN_FLAG: true,
  DUPLICATE_FLAG: true,
  MISSING_FLAG_VALUE: true,
  INVALID_ADDRESS: true,
  INVALID_ARGUMENT: true,
  UNEXPECTED_ARGUMENT: true,
  MISSING_ARGUMENT: true,
  UNTERMINATED_QUOTE: true,
};

function isUserFacing(error: unknown): error is UserFacingError {
  // Codes are unique per class, so the code names the class.
  return error instanceof PhloBotError && Object.hasOwn(USER_FACING_CODES, error.code);
}

/** Text typed by the user, as they typed it (Slack sends it entity-encoded). */
const typed = (text: string): Part => ({ code: decodeEntities(text) });

const ADDRESS_REASON = {
  format: 'is not a phone number or a SIP address (sip:user@host)',
  phone_length: 'is not a phone number of 8 to 15 digits',
  sip_user: 'has no valid user before the @',
  sip_host: 'has no valid host after the @',
  too_long: 'is longer than any phone number or SIP address (200 characters at most)',
} as const;

/** How a member left the call, as the call's card knows it. */
const MEMBER_LEFT_HOW = {
  hung_up: 'hung up',
  voicemail: 'voicemail dropped',
  transferred: 'cold-transferred away',
} as const;

/** The sentence for an error we expect, or undefined for one we don't (a bug, an outage). */
export function userMessage(error: unknown): Rich | undefined {
  return isUserFacing(error) ? sentence(error) : undefined;
}

function sentence(error: UserFacingError): Rich {
  switch (error.code) {
    case 'SLACK_FORM_EXPIRED':
      return rich('hourglass', 'The form took too long to open, so Slack dropped it. Run the command again.');
    case 'SLACK_FORM_CHANGED':
      return rich('arrows_counterclockwise', 'The form changed while phlo-bot was updating it. Pick the action again.');
    case 'FOREIGN_WORKSPACE':
      return foreignWorkspace;
    case 'NOT_PERMITTED':
      return error.role === undefined
        ? rich('no_entry', "You are not in phlo-bot's role map, so you can't ", { code: error.permission }, '. Ask your Slack admin to add you.')
        : rich('no_entry', 'Your role ', { code: error.role }, ' does not have the ', { code: error.permission }, ' permission.');
    case 'NOT_APPROVER':
      return error.reason === 'own_request'
        ? rich('no_entry', 'You asked for this, so someone else has to approve or reject it. Nothing changed.')
        : error.approvers.length === 0
          ? rich('no_entry', 'No role approves this any more (the rule was removed from the configuration), so it cannot be decided. Nothing changed.')
          : rich('no_entry', 'Only ', ...codeList([...error.approvers]), ' can approve or reject this request. Nothing changed.');
    case 'REQUESTER_NOT_PERMITTED':
      return rich(
        'no_entry',
        'Approved, but ',
        { user: error.requester },
        ' no longer has the ',
        { code: error.permission },
        ' permission, so nothing was sent to PHLO.',
      );
    case 'DUPLICATE_ACTION':
      return rich(
        'repeat',
        'That exact action was just sent, so it was not sent to PHLO again. ',
        ...(error.firstResultLink === undefined
          ? ["The first one is still being handled: its result will appear in the call's thread."]
          : ['See the first result: ', { link: error.firstResultLink, label: 'in the call thread' }, '.']),
      );
    case 'MEMBER_LEFT':
      return rich(
        'information_source',
        { code: error.member },
        ` has already left the call (${MEMBER_LEFT_HOW[error.left]}`,
        ...(error.leftBy === undefined ? [] : [' by ', { user: error.leftBy }]),
        '), so nothing was sent to PHLO.',
      );
    case 'RATE_LIMITED':
      return rich(
        'hourglass_flowing_sand',
        `You have sent ${String(error.limit)} actions in the last minute, the most phlo-bot takes from one person, so this one was not sent to PHLO. `,
        `Try again in ${String(Math.ceil(error.retryAfterMs / 1000))} s.`,
      );
    case 'UNKNOWN_PHLO':
      return rich('question', 'Unknown PHLO ', typed(error.input), '. Known PHLOs: ', ...codeList(error.known), '.');
    case 'UNKNOWN_NODE':
      return rich('question', 'PHLO ', { code: error.phlo }, ' has no node ', typed(error.input), '. Known nodes: ', ...codeList(error.known), '.');
    case 'NO_DEFAULT_PHLO':
      return rich('question', 'This channel has no default PHLO: add ', { code: '--phlo' }, ' (known: ', ...codeList(error.known), ').');
    case 'NO_DEFAULT_NODE':
      return rich('question', 'PHLO ', { code: error.phlo }, ' has no default node: add ', { code: '--node' }, ' (known: ', ...codeList(error.known), ').');
    case 'NO_OWN_ADDRESS':
      return rich(
        'question',
        'You have no address configured to start this from: add ',
        { code: '--from <your number or SIP address>' },
        ', or ask your admin to set yours.',
      );
    case 'INVALID_INPUT':
      return rich('warning', { code: error.inputField }, `: ${error.problem}`);
    case 'STEP_INPUTS_MALFORMED':
      return rich(
        'warning',
        "This step's inputs did not arrive as Workflow Builder sends them, so nothing was sent to PHLO. Check the step's inputs in the workflow, then run it again.",
      );
    case 'INVALID_PAYLOAD':
      return rich('warning', 'That button or form is not valid any more. Start again from ', { code: '/phlo' }, '.');
    case 'UNKNOWN_COMMAND':
      return rich(
        'question',
        typed(error.input),
        ' is not a phlo-bot command.',
        ...(error.suggestion === undefined ? [] : [' Did you mean ', { code: `/phlo ${error.suggestion}` }, '?']),
        ' Try ',
        { code: '/phlo help' },
        '.',
      );
    case 'UNKNOWN_FLAG': {
      const hint: Part[] =
        error.suggestion !== undefined
          ? [' Did you mean ', { code: error.suggestion }, '?']
          : error.allowed.length > 0
            ? [' It takes: ', ...codeList(error.allowed), '.']
            : [' It takes no flags.'];
      return withUsage(rich('warning', { code: error.verb }, ' has no flag ', typed(error.flag), '.', ...hint), error.verb);
    }
    case 'DUPLICATE_FLAG':
      return withUsage(rich('warning', { code: error.flag }, ' is given more than once.'), error.verb);
    case 'MISSING_FLAG_VALUE':
      return withUsage(rich('warning', { code: error.flag }, ' needs a value.'), error.verb);
    case 'INVALID_ADDRESS': {
      const why =
        error.reason === 'phone_length' && error.digits !== undefined
          ? `has ${error.digits} digits; a phone number has 8 to 15`
          : ADDRESS_REASON[error.reason];
      return rich('warning', { code: error.argument }, ' ', { code: error.display }, ` ${why}.`);
    }
    case 'INVALID_ARGUMENT':
      return invalidArgument(error);
    case 'UNEXPECTED_ARGUMENT':
      return withUsage(rich('warning', 'Unexpected ', typed(error.input), '.'), error.verb);
    case 'MISSING_ARGUMENT':
      return withUsage(
        rich('warning', { code: error.verb }, ' is missing ', ...error.missing.flatMap((m, i): Part[] => (i === 0 ? [{ code: m }] : [' and ', { code: m }])), '.'),
        error.verb,
      );
    case 'UNTERMINATED_QUOTE':
      return rich('warning', `A quote (${error.quote}) is opened but never closed.`);
  }
}

function withUsage(text: Rich, verb: string): Rich {
  const usage = usageOf(verb);
  return { ...text, detail: usage === undefined ? '' : `Usage: ${code(usage.synopsis)}` };
}

function invalidArgument(error: InvalidArgumentError): Rich {
  const hint: Part[] = error.suggestion === undefined ? [] : [' Did you mean ', { code: error.suggestion }, '?'];
  switch (error.reason) {
    case 'unknown_role': {
      const allowed: Part[] = error.allowed === undefined ? [] : [' (one of ', ...codeList(error.allowed), ')'];
      return rich('warning', typed(error.input), ' is not a role', ...allowed, '.', ...hint);
    }
    case 'unknown_mode':
      return rich('warning', 'A transfer is ', { code: 'warm' }, ' or ', { code: 'cold' }, ', not ', typed(error.input), '.', ...hint);
    case 'limit_not_1_to_50':
      return rich('warning', { code: '--limit' }, ' must be a whole number from 1 to 50, not ', typed(error.input), '.');
    case 'param_not_key_value':
      return rich('warning', 'Run parameters are ', { code: 'key=value' }, '; ', typed(error.input), ' is not.');
    case 'param_empty_key':
      return rich('warning', typed(error.input), ' has no key before the ', { code: '=' }, '.');
    case 'param_bad_key':
      return rich('warning', typed(error.key ?? error.input), ' is not a valid parameter name (letters, digits, _ . -, not starting with a digit).');
    case 'param_duplicate_key':
      return rich('warning', 'Parameter ', typed(error.key ?? error.input), ' is given twice.');
    case 'flag_takes_no_value':
      return rich('warning', { code: `--${error.argument}` }, ' takes no value.');
  }
}

/** Answered to a slash command from a workspace this app does not serve. */
export const foreignWorkspace: Rich = rich(undefined, 'phlo-bot is not set up for this Slack workspace, so it did nothing.');

/** Shown for an unexpected error; the id is in the log line for it. */
export const unexpectedError = (errorId: string): Rich =>
  rich(
    'warning',
    'Something went wrong on our side. Please try again; if it keeps happening, give your Slack admin this error id: ',
    { code: errorId },
    '.',
  );
