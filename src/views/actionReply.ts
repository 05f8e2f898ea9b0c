import type { ActionName } from '../actions/types.js';
import { actionPhrase, UNKNOWN_OUTCOME_ADVICE } from '../messages.js';
import { actionButton, type ActionButtonSpec } from './actionButton.js';
import { actions, context, fieldsSection, message, section, type Block, type MessageView } from './blocks.js';
import { code, escapeMrkdwn, mention } from './escape.js';
import { BLOCK_IDS } from './ids.js';

export interface ActionReplyData {
  action: ActionName;
  userId: string;
  member?: string | undefined;
  input: Record<string, unknown>;
  target: string;
  outcome: 'ok' | 'failed' | 'unknown';
  apiId?: string | undefined;
  latencyMs: number;
  /** PHLO's own message (a run's), shown as PHLO wrote it. */
  phloMessage?: string | undefined;
  facts?: [string, string][] | undefined;
  /** The failure in plain words (from messages.ts). */
  failure?: string | undefined;
  followUps: ActionButtonSpec[];
}

const ICON = { ok: ':white_check_mark:', failed: ':x:', unknown: ':warning:' } as const;

/** The reply in a call's thread: who did what to whom, the outcome, api_id, time taken, next buttons. */
export function actionReply(data: ActionReplyData): MessageView {
  const what = actionPhrase(data.action, data.member, data.input);
  const headline =
    data.outcome === 'ok'
      ? `${ICON.ok} ${mention(data.userId)} ${what.done}`
      : data.outcome === 'failed'
        ? `${ICON.failed} ${mention(data.userId)} tried to ${what.todo}, but it failed: ${data.failure ?? 'PHLO refused it.'}`
        : `${ICON.unknown} ${mention(data.userId)} tried to ${what.todo}. ${data.failure ?? ''} ${UNKNOWN_OUTCOME_ADVICE}`.trim();
  const blocks: Block[] = [section(headline, BLOCK_IDS.replyText)];
  if (data.phloMessage !== undefined && data.phloMessage !== '') {
    blocks.push(section(`PHLO says: ${escapeMrkdwn(data.phloMessage)}`));
  }
  if (data.facts !== undefined && data.facts.length > 0) {
    blocks.push(fieldsSection(data.facts.map(([label, value]) => `*${escapeMrkdwn(label)}*\n${escapeMrkdwn(value)}`), BLOCK_IDS.replyFacts));
  }
  blocks.push(
    context([
      `${escapeMrkdwn(data.target)} · outcome *${data.outcome}* · api_id ${data.apiId === undefined ? '—' : code(data.apiId)} · ${Math.round(data.latencyMs)} ms`,
    ]),
  );
  if (data.outcome === 'ok' && data.followUps.length > 0) {
    blocks.push(actions(data.followUps.map((f, i) => actionButton(f, i)), BLOCK_IDS.replyActions));
  }
  return message(headline.replace(/:[a-z_]+: /, ''), blocks);
}
