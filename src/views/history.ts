import { ACTION_LABELS, HISTORY_TEXT, OTHER_ACTION_LABELS, OUTCOME_LABELS, PEOPLE_TEXT } from '../text/index.js';
import type { ActionRecord } from '../store/index.js';
import { context, message, section, type Block, type MessageView } from './blocks.js';
import { code, escapeMrkdwn, mention, slackDate } from '../text/escape.js';
import { HISTORY_BLOCK_IDS } from './ids.js';
import { LIMITS } from './limits.js';

/** One recorded attempt, with the permalink of its call thread when it has one. */
export interface HistoryEntry {
  record: ActionRecord;
  threadLink?: string | undefined;
}

export interface HistoryViewData {
  channelId: string;
  askedBy: string;
  member?: string | undefined;
  /** Newest first. */
  entries: HistoryEntry[];
}

/** An action's name as a reader sees it: the catalogue's label, or the kind of refused attempt. */
export function actionLabel(action: string): string {
  return (ACTION_LABELS as Record<string, string>)[action] ?? OTHER_ACTION_LABELS[action] ?? escapeMrkdwn(action);
}

export function outcomeLabel(outcome: string): string {
  return OUTCOME_LABELS[outcome] ?? escapeMrkdwn(outcome);
}

/** A URL inside `<url|label>`: `&`, `<` and `>` escaped, and no `|` to end it early. */
export function linkTo(url: string, label: string): string {
  return `<${escapeMrkdwn(url).replace(/\|/g, '%7C')}|${escapeMrkdwn(label)}>`;
}

/**
 * Whom the attempt was about: the validated member, or for an attempt refused before validation the
 * member or address it named (escaped by the caller like any user text).
 */
export function memberOf(record: ActionRecord): string | undefined {
  return record.member ?? record.params.member ?? record.params.to;
}

/** `time · who · action member · outcome · thread link`, one line per attempt. */
export function historyLine(entry: HistoryEntry): string {
  const r = entry.record;
  const parts = [
    slackDate(r.createdAt),
    mention(r.userId),
    actionAndMember(r),
    outcomeLabel(r.outcome),
  ];
  // Both people of a four-eyes action: who asked (above), and who decided.
  if (r.decidedBy !== undefined) parts.push(PEOPLE_TEXT.decidedBy(r.outcome, mention(r.decidedBy)));
  if (r.approvedBy !== undefined) parts.push(PEOPLE_TEXT.approvedBy(mention(r.approvedBy)));
  if (r.reason !== undefined) parts.push(PEOPLE_TEXT.reason(r.reason));
  if (r.source === 'workflow') parts.push(PEOPLE_TEXT.viaWorkflow);
  if (entry.threadLink !== undefined) parts.push(linkTo(entry.threadLink, HISTORY_TEXT.threadLink));
  return parts.join(' · ');
}

/** `*Hold* `+14155550100``: the action's label and, when it has one, its member. */
export function actionAndMember(record: ActionRecord): string {
  const member = memberOf(record);
  return `*${actionLabel(record.action)}*${member === undefined || member === '' ? '' : ` ${code(member)}`}`;
}

/**
 * Groups lines into as few sections as fit Slack's 3,000 characters each, never splitting a line
 * (a cut would break its date or link markup).
 */
export function linesToSections(lines: string[], maxSections: number, blockIdPrefix: string): Block[] {
  const blocks: Block[] = [];
  let current: string[] = [];
  let length = 0;
  const flush = (): void => {
    if (current.length === 0) return;
    blocks.push(section(current.join('\n'), `${blockIdPrefix}_${blocks.length}`));
    current = [];
    length = 0;
  };
  for (const line of lines) {
    const added = (current.length === 0 ? 0 : 1) + line.length;
    if (current.length > 0 && length + added > LIMITS.sectionText) flush();
    current.push(line);
    length += current.length === 1 ? line.length : added;
  }
  flush();
  return blocks.slice(0, maxSections);
}

/** `/phlo history`, posted in the channel: the newest attempts there, each with a link to its call thread. */
export function historyView(data: HistoryViewData): MessageView {
  if (data.entries.length === 0) {
    return message(HISTORY_TEXT.emptyFallback, [
      section(HISTORY_TEXT.empty(data.channelId, data.member), HISTORY_BLOCK_IDS.title),
      context([HISTORY_TEXT.askedBy(data.askedBy)], HISTORY_BLOCK_IDS.footer),
    ]);
  }
  const count = data.entries.length;
  // The title and the footer take two of the message's blocks.
  const rows = linesToSections(data.entries.map(historyLine), LIMITS.messageBlocks - 2, HISTORY_BLOCK_IDS.rows);
  return message(HISTORY_TEXT.fallback(count, data.member), [
    section(HISTORY_TEXT.title(count, data.channelId, data.member), HISTORY_BLOCK_IDS.title),
    ...rows,
    context([HISTORY_TEXT.askedBy(data.askedBy)], HISTORY_BLOCK_IDS.footer),
  ]);
}

/** The history answered to the asker alone, when the bot can't post in the channel. */
export function historyForAskerView(view: MessageView): MessageView {
  return message(view.text, [section(HISTORY_TEXT.notInChannel, HISTORY_BLOCK_IDS.notice), ...view.blocks]);
}
