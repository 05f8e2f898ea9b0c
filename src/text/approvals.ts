/** What people read about requests for approval: the request, its decision, and the private notes around it. */
import type { ApprovalDecision, ApprovalView } from '../actions/ports.js';
import { code, escapeMrkdwn, mention, slackDate } from './escape.js';

/** "<@alice> asks to hang up `+1…` — abusive caller": `todo` is the action's sentence, in mrkdwn already. */
export function approvalAsk(view: ApprovalView, todo: string): string {
  const reason = view.reason === undefined ? 'no reason given' : escapeMrkdwn(view.reason);
  return `${mention(view.requesterId)} asks to ${todo} — ${reason}`;
}

/** Under the request: where, and until when it waits. */
export const approvalWhere = (view: ApprovalView): string =>
  `${escapeMrkdwn(view.target)}${view.decision === undefined ? ` · needs approval · expires ${slackDate(view.expiresAt)}` : ''} · request ${code(view.requestId.slice(0, 8))}`;

/** What became of it, on the request's message once decided. */
export function approvalDecisionLine(decision: ApprovalDecision): string {
  switch (decision.outcome) {
    case 'approved':
      return `:white_check_mark: Approved by ${mention(decision.by ?? 'nobody')} at ${slackDate(decision.at)}. The result follows in this thread.`;
    case 'rejected':
      return `:no_entry: Rejected by ${mention(decision.by ?? 'nobody')} at ${slackDate(decision.at)}. Nothing was sent to PHLO.`;
    case 'expired':
      return `:hourglass: Expired at ${slackDate(decision.at)}: nobody decided in time. Nothing was sent to PHLO.`;
  }
}

/** To the requester, when the request is posted. */
export const approvalWaiting = (todo: string): string =>
  `:hourglass_flowing_sand: Your request to ${todo} needs approval. It waits in the call's thread for an approver; nothing has been sent to PHLO yet.`;

/** To each approver, in a direct message, when someone asks. */
export function approvalAskedOfApprover(requesterId: string, todo: string, target: string, reason: string | undefined, expiresAt: Date, link: string | undefined): string {
  const why = reason === undefined || reason === '' ? '' : ` — “${escapeMrkdwn(reason)}”`;
  const where = link === undefined ? "in the call's thread" : `in <${link}|the call's thread>`;
  return `:bell: ${mention(requesterId)} asks to ${todo} on ${escapeMrkdwn(target)}${why}. Approve or reject it ${where} or on phlo-bot's Home tab, before ${slackDate(expiresAt)}; nothing reaches the call until someone does.`;
}

/** To the requester, once rejected or expired. */
export function approvalDecidedForRequester(todo: string, decision: ApprovalDecision): string {
  return decision.outcome === 'expired'
    ? `:hourglass: Your request to ${todo} expired at ${slackDate(decision.at)} without a decision. Nothing was sent to PHLO; ask again if it is still needed.`
    : decision.outcome === 'rejected'
      ? `:no_entry: ${mention(decision.by ?? 'nobody')} rejected your request to ${todo}. Nothing was sent to PHLO.`
      : `:white_check_mark: ${mention(decision.by ?? 'nobody')} approved your request to ${todo}.`;
}

/** To a decider who came too late. */
export function approvalTooLate(todo: string, decision: ApprovalDecision): string {
  if (decision.outcome === 'expired') return `The request to ${todo} expired at ${slackDate(decision.at)}; your click changed nothing.`;
  const verb = decision.outcome === 'approved' ? 'approved' : 'rejected';
  return `${mention(decision.by ?? 'nobody')} already ${verb} the request to ${todo} at ${slackDate(decision.at)}; your click changed nothing.`;
}

/** App Home: the requests waiting for the reader. */
export const homeWaitingTitle = (count: number): string =>
  count === 0 ? '*Waiting for your approval*\nNothing waits for you.' : `*Waiting for your approval* (${count})`;

/** "a supervisor", "an admin or a supervisor": anyone of these roles. */
function anyOf(roles: readonly string[]): string {
  const each = roles.map((role) => `${/^[aeiou]/i.test(role) ? 'an' : 'a'} ${escapeMrkdwn(role)}`);
  return each.length <= 1 ? (each[0] ?? 'an approver') : `${each.slice(0, -1).join(', ')} or ${each.at(-1) ?? ''}`;
}

/**
 * Under a gated button's question. A card is the same message for every reader, so it says what holds
 * for each of them: approvers act at once, anyone else's click becomes a request.
 */
export const approvalConfirmNote = (roles: readonly string[]): string =>
  `If you are not ${anyOf(roles)}, this needs ${anyOf(roles)}'s approval: one is asked in the call's thread, and nothing reaches the call until they approve.`;

/** The most approvers a request mentions by name; a user group's mention reaches all its members. */
export const APPROVER_MENTIONS_MAX = 10;

/**
 * Who is asked, on the request while it waits: the approvers' user groups and users, mentioned so
 * Slack notifies them. At most APPROVER_MENTIONS_MAX users by name; the rest are counted.
 */
export function approvalAskedOf(roles: readonly string[], groups: readonly string[], users: readonly string[]): string {
  const named = users.slice(0, APPROVER_MENTIONS_MAX);
  const more = users.length - named.length;
  const who = [...groups.map((group) => `<!subteam^${group}>`), ...named.map(mention)];
  if (who.length === 0) return `:bell: Waiting for ${anyOf(roles)} to approve or reject.`;
  const rest = more > 0 ? ` and ${more} more approver${more === 1 ? '' : 's'} (not mentioned: at most ${APPROVER_MENTIONS_MAX} are)` : '';
  return `:bell: Asking ${who.join(', ')}${rest}: ${anyOf(roles)} may approve or reject.`;
}

/** On the call's card, above the requests still waiting. */
export const cardPendingTitle = (count: number): string =>
  `:hourglass_flowing_sand: *${count === 1 ? 'A request waits' : `${count} requests wait`} for approval* (Approve or Reject in the thread)`;

/** One waiting request on the card: "<@alice> asks to hang up `+1…`, until 16:55". */
export const cardPendingLine = (requesterId: string, todo: string, expiresAt: Date): string =>
  `${mention(requesterId)} asks to ${todo}; waits until ${slackDate(expiresAt)}`;
