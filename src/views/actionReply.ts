import type { ActionResult, PendingAction, ResultNote } from '../actions/ports.js';
import type { Catalogue } from '../actions/catalogue/index.js';
import { abandonedOnItsWay, onItsWay, outcomeNotRecorded, phloFailure, threadUnavailable, UNKNOWN_OUTCOME_ADVICE } from '../text/index.js';
import { actionPhrase } from '../text/actionWords.js';
import { actionButton } from './actionButton.js';
import { actions, context, fieldsSection, message, section, type Block, type MessageView } from './blocks.js';
import { code, escapeMrkdwn, mention } from '../text/escape.js';
import { BLOCK_IDS } from './ids.js';
import { parseTimestamp, readableTime } from './time.js';

/** What a reply is made from: the pipeline's result. */
export type ActionReplyData = ActionResult;

function noteText(note: ResultNote): string {
  switch (note.kind) {
    case 'thread_unavailable':
      return threadUnavailable(note.failure);
    case 'outcome_not_recorded':
      return outcomeNotRecorded(note.errorId);
  }
}

const ICON = { ok: ':white_check_mark:', failed: ':x:', unknown: ':warning:' } as const;

/** A fact as PHLO gave it, escaped; a timestamp (a PHLO's or node's creation) in the reader's own time zone. */
function factValue(value: string): string {
  const at = parseTimestamp(value);
  return at === undefined ? escapeMrkdwn(value) : readableTime(at);
}

/** The reply in a call's thread: who did what to whom, the outcome, api_id, time taken, next buttons. */
export function actionReply(catalogue: Catalogue, data: ActionReplyData): MessageView {
  const what = actionPhrase(catalogue, data.action, data.member, data.input);
  const failure = data.failure === undefined ? undefined : phloFailure(data.failure.error, data.failure.timeoutMs);
  // The sentence and its icon apart: the notification text is the sentence alone.
  const sentence =
    data.outcome === 'ok'
      ? `${mention(data.userId)} ${what.done}`
      : data.outcome === 'failed'
        ? `${mention(data.userId)} tried to ${what.todo}, but it failed: ${failure ?? 'PHLO refused it.'}`
        : `${mention(data.userId)} tried to ${what.todo}. ${failure ?? ''} ${UNKNOWN_OUTCOME_ADVICE}`.trim();
  const headline = `${ICON[data.outcome]} ${sentence}`;
  // Notes come first: what they say (do not repeat the action) matters more than the details.
  const blocks: Block[] = [...data.notes.map((note) => section(noteText(note))), section(headline, BLOCK_IDS.replyText)];
  if (data.phloMessage !== undefined && data.phloMessage !== '') {
    blocks.push(section(`PHLO says: ${escapeMrkdwn(data.phloMessage)}`));
  }
  if (data.facts !== undefined && data.facts.length > 0) {
    blocks.push(fieldsSection(data.facts.map(([label, value]) => `*${escapeMrkdwn(label)}*\n${factValue(value)}`), BLOCK_IDS.replyFacts));
  }
  blocks.push(
    context([
      `${escapeMrkdwn(data.target)}${data.approvedBy === undefined ? '' : ` · approved by ${mention(data.approvedBy)}`} · outcome *${data.outcome}* · api_id ${data.apiId === undefined ? '—' : code(data.apiId)} · ${Math.round(data.latencyMs)} ms`,
    ]),
  );
  if (data.outcome === 'ok' && data.followUps.length > 0) {
    // The role is known for the member the action itself added (a call, a transfer's new party).
    const roleOf = (member: string): string | undefined =>
      member === data.member && (data.input.role === 'agent' || data.input.role === 'customer') ? data.input.role : undefined;
    blocks.push(actions(data.followUps.map((f, i) => actionButton(catalogue, { ...f, role: roleOf(f.member) }, i)), BLOCK_IDS.replyActions));
  }
  return message(sentence, blocks);
}

/** Said in the call's thread while PHLO is slow to answer: who asked for what. The result replaces it. */
export function onItsWayMessage(catalogue: Catalogue, pending: PendingAction): MessageView {
  const { todo } = actionPhrase(catalogue, pending.action, pending.member, pending.input);
  const sentence = onItsWay(pending.userId, todo);
  return message(sentence, [section(sentence, BLOCK_IDS.replyText), context([`${escapeMrkdwn(pending.target)} · waiting for PHLO`])]);
}

/** Replaces the on-its-way message when the action ended in an error of phlo-bot's own, with no result to show. */
export function abandonedMessage(catalogue: Catalogue, pending: PendingAction): MessageView {
  const { todo } = actionPhrase(catalogue, pending.action, pending.member, pending.input);
  const sentence = abandonedOnItsWay(pending.userId, todo);
  return message(sentence, [section(sentence, BLOCK_IDS.replyText), context([escapeMrkdwn(pending.target)])]);
}
