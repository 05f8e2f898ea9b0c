/**
 * Requests Slack can send that no phlo-bot listener handles, as Slack shapes them: each must be
 * acknowledged all the same (over HTTP and over Socket Mode), logged and counted by kind.
 */
import {
  blockActionsPayload,
  blockSuggestionPayload,
  eventCallbackPayload,
  newTriggerId,
  viewClosedPayload,
  viewSubmissionPayload,
} from '../support/slackRequests.js';
import { CHANNEL, TEAM, USERS } from './harness.js';

export interface UnhandledPayload {
  /** What the case is, in words. */
  name: string;
  /** The `kind` label of `slack_requests_unhandled_total`. */
  kind: string;
  /** The Socket Mode envelope type that carries it. */
  envelope: 'interactive' | 'events_api';
  payload: () => Record<string, unknown>;
}

const user = { id: USERS.alice, username: 'alice', name: 'alice', team_id: TEAM };
const team = { id: TEAM, domain: 'fake-team' };

export const UNHANDLED_PAYLOADS: readonly UnhandledPayload[] = [
  {
    name: 'a modal closed (view_closed)',
    kind: 'view_closed',
    envelope: 'interactive',
    payload: () => viewClosedPayload({ userId: USERS.alice, teamId: TEAM, callbackId: 'phlo_call' }),
  },
  {
    name: "a submission of another app's view",
    kind: 'view_submission',
    envelope: 'interactive',
    payload: () => viewSubmissionPayload({ userId: USERS.alice, teamId: TEAM, callbackId: 'someone_elses_form', privateMetadata: '', values: {} }),
  },
  {
    name: 'a click with an action id phlo-bot never drew',
    kind: 'block_actions',
    envelope: 'interactive',
    payload: () => blockActionsPayload({ userId: USERS.alice, teamId: TEAM, channelId: CHANNEL, messageTs: '1700000000.000100', actionId: 'not_a_phlo_bot_button', value: 'x' }),
  },
  {
    name: 'a select asking for options (block_suggestion)',
    kind: 'block_suggestion',
    envelope: 'interactive',
    payload: () => blockSuggestionPayload({ userId: USERS.alice, teamId: TEAM, actionId: 'member_search', blockId: 'member', value: '+1415' }),
  },
  {
    name: 'a global shortcut',
    kind: 'shortcut',
    envelope: 'interactive',
    payload: () => ({ type: 'shortcut', token: 'x', action_ts: '1700000000.000200', team, user, callback_id: 'not_a_shortcut', trigger_id: newTriggerId() }),
  },
  {
    name: 'a message shortcut (message_action)',
    kind: 'message_action',
    envelope: 'interactive',
    payload: () => ({
      type: 'message_action',
      token: 'x',
      action_ts: '1700000000.000300',
      team,
      user,
      channel: { id: CHANNEL, name: 'support' },
      callback_id: 'not_a_message_shortcut',
      trigger_id: newTriggerId(),
      message_ts: '1700000000.000100',
      message: { type: 'message', ts: '1700000000.000100', text: 'hello' },
      response_url: 'http://127.0.0.1:9/unused',
    }),
  },
  {
    name: 'a workflow step with an unknown callback id',
    kind: 'function_executed',
    envelope: 'events_api',
    payload: () =>
      eventCallbackPayload(
        {
          type: 'function_executed',
          function: { id: 'Fn0UNKNOWN', callback_id: 'not_a_phlo_bot_step', title: 'Not ours', type: 'app' },
          inputs: {},
          function_execution_id: `Fx0UNKNOWN${String(Math.random()).slice(2, 10)}`,
          workflow_execution_id: 'Wx0UNKNOWN',
          bot_access_token: 'xwfp-unknown',
        },
        { teamId: TEAM },
      ),
  },
  {
    name: 'an event type nobody listens for',
    kind: 'event',
    envelope: 'events_api',
    payload: () => eventCallbackPayload({ type: 'reaction_added', user: USERS.alice, reaction: 'thumbsup', item: { type: 'message', channel: CHANNEL, ts: '1.1' } }, { teamId: TEAM }),
  },
];
