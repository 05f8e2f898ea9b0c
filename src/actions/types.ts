import type { NodeTarget, PhloTarget } from '../config/index.js';

/** The entry point a request came through; recorded with it, and shown in the history. */
export type RequestSource = 'command' | 'modal' | 'button' | 'workflow';

/** Where a request came from in Slack. Identity is `userId`; nothing else from the payload is trusted. */
export interface SlackContext {
  teamId: string;
  channelId: string;
  userId: string;
  source: RequestSource;
  responseUrl?: string | undefined;
  triggerId?: string | undefined;
  /** The call thread a click came from: its reply goes there even after the thread went idle. */
  threadTs?: string | undefined;
  /**
   * The thread the request was made in (a click on a reply in a thread), where an answer to the asker
   * alone belongs; absent when it was made in the channel itself (a command, a click on the card).
   */
  answerThreadTs?: string | undefined;
  /** Made on a message only the asker sees: its response_url answers in that message's place. */
  fromEphemeral?: boolean | undefined;
  /**
   * The Workflow Builder step run this request is (its `function_execution_id`), so the step can be
   * completed once the request ends, even after an approval on another instance.
   */
  stepExecutionId?: string | undefined;
}

/**
 * What an entry point (slash command, modal, button) produced: not yet checked against the
 * configuration, the role map or the action's schema. The pipeline does that, once.
 */
export interface ActionDraft {
  /** A catalogue entry's name; one the catalogue does not hold is refused. */
  action: string;
  /** PHLO alias or id as given; the channel's default when absent. */
  phlo?: string | undefined;
  /** Node alias or id as given; the channel's or PHLO's default when absent. */
  node?: string | undefined;
  input: Record<string, unknown>;
  slack: SlackContext;
  /** Why, when the action may need another person's OK (`--reason`, the form's reason field). */
  reason?: string | undefined;
}

/** An approver's OK that a request carries when it runs. */
export interface Approval {
  by: string;
  requestId: string;
}

/** The user behind a request, as the role map sees them. */
export interface Identity {
  userId: string;
  role?: string | undefined;
  permissions: readonly string[];
  address?: string | undefined;
}

/** A request that passed validation: every id is one the configuration names. */
export interface ActionRequest<I = Record<string, unknown>> {
  id: string;
  action: string;
  phlo: PhloTarget;
  node?: NodeTarget | undefined;
  input: I;
  member?: string | undefined;
  slack: SlackContext;
  identity: Identity;
  reason?: string | undefined;
  /** Set when an approver's OK lets it run. */
  approval?: Approval | undefined;
}
