/**
 * What Workflow Builder shows when one of phlo-bot's steps fails. Slack shows the sentence as plain
 * text to the person who ran the workflow, so nothing here is mrkdwn.
 */
import type { Catalogue } from '../actions/catalogue/index.js';
import type { ActionResult, ApprovalDecision } from '../actions/ports.js';
import { phloFailure, UNKNOWN_OUTCOME_ADVICE } from './replies.js';

/** Undoes the escaping a message needs (the failure sentences are written for messages). */
const unescape = (mrkdwn: string): string => mrkdwn.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** "put +1415… on hold": the action as tried, in plain words. */
export function stepTodo(catalogue: Catalogue, action: string, member: string | undefined, input: Readonly<Record<string, unknown>>): string {
  return catalogue.find(action)?.words.phrase(member ?? 'a member', input).todo ?? action;
}

/** PHLO answered with a failure, or phlo-bot can't tell whether PHLO acted. */
export function stepPhloFailure(catalogue: Catalogue, result: ActionResult): string {
  const todo = stepTodo(catalogue, result.action, result.member, result.input);
  const why = result.failure === undefined ? '' : ` ${unescape(phloFailure(result.failure.error, result.failure.timeoutMs))}`;
  return result.outcome === 'unknown'
    ? `phlo-bot asked PHLO to ${todo}.${why} ${UNKNOWN_OUTCOME_ADVICE}`
    : `PHLO did not ${todo}.${why}`;
}

/** The request waited for approval and did not get it. */
export function stepNotApproved(todo: string, decision: ApprovalDecision): string {
  return decision.outcome === 'expired'
    ? `The request to ${todo} expired without a decision, so nothing was sent to PHLO.`
    : `The request to ${todo} was rejected${decision.by === undefined ? '' : ` by <@${decision.by}>`}, so nothing was sent to PHLO.`;
}
