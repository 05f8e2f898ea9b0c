import { PhloBotError, UserInputError } from '../errors.js';

/** `--phlo` named a PHLO the configuration doesn't. */
export class UnknownPhloError extends UserInputError {
  readonly code = 'UNKNOWN_PHLO';
  constructor(
    readonly input: string,
    readonly known: string[],
  ) {
    super(`unknown PHLO "${input}"`, { field: 'phlo' });
  }
}

/** `--node` named a node the configuration doesn't list for that PHLO. */
export class UnknownNodeError extends UserInputError {
  readonly code = 'UNKNOWN_NODE';
  constructor(
    readonly input: string,
    readonly phlo: string,
    readonly known: string[],
  ) {
    super(`unknown node "${input}" of PHLO "${phlo}"`, { field: 'node' });
  }
}

/** No `--phlo` given and the channel has no default. */
export class NoDefaultPhloError extends UserInputError {
  readonly code = 'NO_DEFAULT_PHLO';
  constructor(readonly known: string[]) {
    super('no PHLO given and this channel has no default', { field: 'phlo' });
  }
}

/** No `--node` given and neither the channel nor the PHLO names a default node. */
export class NoDefaultNodeError extends UserInputError {
  readonly code = 'NO_DEFAULT_NODE';
  constructor(
    readonly phlo: string,
    readonly known: string[],
  ) {
    super(`no node given and PHLO "${phlo}" has no default node`, { field: 'node' });
  }
}

/** No `--from` given and the user has no configured address to use as `trigger_source`. */
export class NoOwnAddressError extends UserInputError {
  readonly code = 'NO_OWN_ADDRESS';
  constructor() {
    super('no --from given and no address configured for this user', { field: 'from' });
  }
}

/** An input field failed its schema (from a modal, a button value or a command). */
export class InvalidInputError extends UserInputError {
  readonly code = 'INVALID_INPUT';
  constructor(
    readonly inputField: string,
    readonly problem: string,
  ) {
    super(`${inputField}: ${problem}`, { field: inputField });
  }
}

/** A Workflow Builder step's inputs that are not a set of named values: none at all, a list, far too many. */
export class StepInputsMalformedError extends UserInputError {
  readonly code = 'STEP_INPUTS_MALFORMED';
  constructor(readonly detail: string) {
    super(`malformed step inputs: ${detail}`);
  }
}

/** A button value or modal metadata that doesn't parse: forged, or from an older version. */
export class InvalidPayloadError extends UserInputError {
  readonly code = 'INVALID_PAYLOAD';
  constructor(readonly detail: string) {
    super(`invalid interactive payload: ${detail}`);
  }
}

/** The role map doesn't give this user the permission. */
export class NotPermittedError extends PhloBotError {
  readonly code = 'NOT_PERMITTED';
  constructor(
    readonly permission: string,
    readonly role: string | undefined,
  ) {
    super(`permission "${permission}" denied to role ${role ?? '(none)'}`);
  }
}

/** The same action on the same member is in flight or just completed (within the dedup window). */
export class DuplicateActionError extends PhloBotError {
  readonly code = 'DUPLICATE_ACTION';
  constructor(
    readonly firstActionId: string,
    readonly firstResultLink: string | undefined,
  ) {
    super(`duplicate of action ${firstActionId}`);
  }
}

/** Slack would not open the form: its trigger expired (a slow network, a busy moment). */
export class FormExpiredError extends PhloBotError {
  readonly code = 'SLACK_FORM_EXPIRED';
}

/** The form changed (another update landed first) while it was being replaced. */
export class FormChangedError extends PhloBotError {
  readonly code = 'SLACK_FORM_CHANGED';
}

/** A signed request from a workspace or organization other than the bot token's own. */
export class ForeignWorkspaceError extends PhloBotError {
  readonly code = 'FOREIGN_WORKSPACE';

  /**
   * @param origin what the request named (either may be missing)
   * @param served the team or organization this app serves, as words (`team T0123`)
   */
  constructor(
    readonly origin: { teamId: string | undefined; enterpriseId: string | undefined },
    readonly served: string,
  ) {
    const named = `team ${origin.teamId ?? '(none)'}${origin.enterpriseId === undefined ? '' : `, organization ${origin.enterpriseId}`}`;
    super(`request from ${named}; this app serves ${served}`);
  }
}

/** Approve or Reject from someone who may not decide: not an approver role, or the requester themselves. */
export class NotApproverError extends PhloBotError {
  readonly code = 'NOT_APPROVER';
  constructor(
    readonly reason: 'own_request' | 'role',
    readonly approvers: readonly string[],
    readonly role: string | undefined,
  ) {
    super(reason === 'own_request' ? 'a requester cannot decide their own request' : `role ${role ?? '(none)'} does not approve this`);
  }
}

/** An approved request whose requester may no longer do it: nothing was sent to PHLO. */
export class RequesterNotPermittedError extends PhloBotError {
  readonly code = 'REQUESTER_NOT_PERMITTED';

  constructor(
    readonly requester: string,
    readonly permission: string,
    options?: { cause?: unknown },
  ) {
    super(`requester ${requester} no longer has the ${permission} permission`, options);
  }
}

/**
 * The member acted on has left the call as the call's state knows it (hung up, dropped to voicemail,
 * cold-transferred away): nothing is sent to PHLO, which could only fail, and in the thread for all to see.
 */
export class MemberLeftError extends PhloBotError {
  readonly code = 'MEMBER_LEFT';
  constructor(
    readonly member: string,
    readonly left: 'hung_up' | 'voicemail' | 'transferred',
    /** Who made them leave, when the state says. */
    readonly leftBy: string | undefined,
  ) {
    super(`member ${member} has already left the call (${left})`);
  }
}

/** A result could not be posted in the call's thread: `failure` says whether the database or Slack failed. */
export class CallThreadUnavailableError extends PhloBotError {
  readonly code = 'CALL_THREAD_UNAVAILABLE';
  constructor(
    readonly failure: { part: 'store' } | { part: 'slack'; slackError?: string | undefined },
    options?: { cause?: unknown },
  ) {
    super(failure.part === 'store' ? "the call's thread could not be read or written in the database" : 'Slack did not take the message for the thread', options);
  }
}
