import { toMrkdwn, toNotification, type Rich } from '../text/rich.js';
import type { Button, KnownBlock, MrkdwnElement, PlainTextElement } from '@slack/types';
import { LIMITS, truncate } from './limits.js';

export type { Button as ButtonElement } from '@slack/types';
/** The blocks a message or modal is built from: Slack's own Block Kit types. */
export type Block = KnownBlock;
export type TextObject = MrkdwnElement | PlainTextElement;

export interface MessageView {
  /** Notification and fallback text. */
  text: string;
  blocks: Block[];
}

export const mrkdwn = (text: string): MrkdwnElement => ({ type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) });
export const plain = (text: string, max: number = LIMITS.sectionText): PlainTextElement => ({
  type: 'plain_text',
  text: truncate(text, max),
  emoji: true,
});

export const section = (text: string, blockId?: string): Block => ({
  type: 'section',
  ...(blockId === undefined ? {} : { block_id: blockId }),
  text: mrkdwn(text),
});

export const fieldsSection = (fields: string[], blockId?: string): Block => ({
  type: 'section',
  ...(blockId === undefined ? {} : { block_id: blockId }),
  fields: fields.slice(0, LIMITS.sectionFields).map((f): MrkdwnElement => ({ type: 'mrkdwn', text: truncate(f, LIMITS.fieldText) })),
});

export const context = (texts: string[], blockId?: string): Block => ({
  type: 'context',
  ...(blockId === undefined ? {} : { block_id: blockId }),
  elements: texts.slice(0, LIMITS.contextElements).map((t) => mrkdwn(t)),
});

export const actions = (elements: Button[], blockId: string): Block => ({
  type: 'actions',
  block_id: blockId,
  elements: elements.slice(0, LIMITS.actionsElements),
});

/** Keeps a message within Slack's block count, and its text within the message limit. */
export function message(text: string, blocks: Block[]): MessageView {
  return { text: truncate(text, LIMITS.messageText), blocks: blocks.slice(0, LIMITS.messageBlocks) };
}

/** A one-section message of a sentence; the notification is the sentence alone. */
export function notice(text: Rich): MessageView {
  return message(toNotification(text), [section(toMrkdwn(text))]);
}
