/** A request for approval as Slack shows it: the message in the call's thread, its buttons, the private notes. */
import type { Catalogue } from '../actions/catalogue/index.js';
import type { ApprovalNotice, ApprovalView } from '../actions/ports.js';
import {
  approvalAsk,
  approvalAskedOf,
  approvalAskedOfApprover,
  approvalDecidedForRequester,
  approvalDecisionLine,
  approvalTooLate,
  approvalWaiting,
  approvalWhere,
} from '../text/approvals.js';
import { actionPhrase } from '../text/actionWords.js';
import { actions, context, message, plain, section, type Block, type ButtonElement, type MessageView } from './blocks.js';
import { encodeApprovalValue } from './buttonValue.js';
import { APPROVAL_ACTION_IDS, BLOCK_IDS } from './ids.js';
import { LIMITS } from './limits.js';

const todoOf = (catalogue: Catalogue, view: ApprovalView): string => actionPhrase(catalogue, view.action, view.member, view.input).todo;

/** Approve and Reject for one request; the value names the request and what it asks, so a forged one is caught. */
export function approvalButtons(view: ApprovalView): ButtonElement[] {
  const value = encodeApprovalValue({ r: view.requestId, a: view.action, ...(view.member === undefined ? {} : { m: view.member }) });
  return [
    { type: 'button', action_id: APPROVAL_ACTION_IDS.approve, text: plain('Approve', LIMITS.buttonText), style: 'primary', value },
    { type: 'button', action_id: APPROVAL_ACTION_IDS.reject, text: plain('Reject', LIMITS.buttonText), style: 'danger', value },
  ];
}

/** The request's sentence: "<user> asks to <action> — <reason>". */
export const approvalSentence = (catalogue: Catalogue, view: ApprovalView): string => approvalAsk(view, todoOf(catalogue, view));

/**
 * The request's message: while it waits, whom it asks (mentioned, so Slack notifies them) and the
 * buttons; once decided, who decided and when.
 */
export function approvalMessage(catalogue: Catalogue, view: ApprovalView): MessageView {
  const sentence = approvalSentence(catalogue, view);
  const blocks: Block[] = [section(sentence, BLOCK_IDS.approvalText), context([approvalWhere(view)])];
  if (view.decision === undefined) {
    const approvers = catalogue.approversOf(view.action);
    if (approvers !== undefined) {
      const users = approvers.users.filter((user) => user !== view.requesterId);
      blocks.push(section(approvalAskedOf(approvers.roles, approvers.groups, users), BLOCK_IDS.approvalAskedOf));
    }
    blocks.push(actions(approvalButtons(view), BLOCK_IDS.approvalActions));
  } else {
    blocks.push(section(approvalDecisionLine(view.decision), BLOCK_IDS.approvalDecision));
  }
  return message(sentence, blocks);
}

/** What one person is told alone about a request. */
export function approvalNotice(catalogue: Catalogue, notice: ApprovalNotice): MessageView {
  const todo = todoOf(catalogue, notice.view);
  const text = noticeText(notice, todo);
  return message(text, [section(text)]);
}

function noticeText(notice: ApprovalNotice, todo: string): string {
  switch (notice.kind) {
    case 'waiting':
      return approvalWaiting(todo);
    case 'decided':
      return approvalDecidedForRequester(todo, notice.view.decision);
    case 'too_late':
      return approvalTooLate(todo, notice.view.decision);
    case 'asked':
      return approvalAskedOfApprover(notice.view.requesterId, todo, notice.view.target, notice.view.reason, notice.view.expiresAt, notice.link);
  }
}
