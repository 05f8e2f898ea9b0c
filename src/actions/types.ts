import type { NodeTarget, PhloTarget } from '../config/index.js';

export const ACTION_NAMES = [
  'call',
  'warm_transfer',
  'cold_transfer',
  'hold',
  'unhold',
  'hangup',
  'resume',
  'abort',
  'voicemail',
  'run',
  'phlo_status',
  'node_status',
  'run_status',
] as const;
export type ActionName = (typeof ACTION_NAMES)[number];

/** Actions on one member of a call: the only ones a button can carry. */
export const MEMBER_ACTIONS = ['hold', 'unhold', 'hangup', 'resume', 'abort', 'voicemail'] as const satisfies readonly ActionName[];
export type MemberActionName = (typeof MEMBER_ACTIONS)[number];

/** Where a request came from in Slack. Identity is `userId`; nothing else from the payload is trusted. */
export interface SlackContext {
  teamId: string;
  channelId: string;
  userId: string;
  source: 'command' | 'modal' | 'button';
  responseUrl?: string | undefined;
  triggerId?: string | undefined;
  /** The call thread a click came from: its reply goes there even after the thread went idle. */
  threadTs?: string | undefined;
}

/**
 * What an entry point (slash command, modal, button) produced: not yet checked against the
 * configuration, the role map or the action's schema. The pipeline does that, once.
 */
export interface ActionDraft {
  action: ActionName;
  /** PHLO alias or id as given; the channel's default when absent. */
  phlo?: string | undefined;
  /** Node alias or id as given; the channel's or PHLO's default when absent. */
  node?: string | undefined;
  input: Record<string, unknown>;
  slack: SlackContext;
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
  action: ActionName;
  phlo: PhloTarget;
  node?: NodeTarget | undefined;
  input: I;
  member?: string | undefined;
  slack: SlackContext;
  identity: Identity;
}
