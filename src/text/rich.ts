import { code, escapeMrkdwn } from './escape.js';

/**
 * A sentence kept as parts, so each surface renders it its own way: mrkdwn in a message, plain
 * text under a modal field (Slack shows inline errors as written). Nothing is written as mrkdwn
 * and then taken apart again.
 */
export type Part =
  /** Words, escaped for mrkdwn when rendered there. */
  | string
  /** Something to show as typed or named: `code` in mrkdwn, bare in plain text. */
  | { code: string }
  /** A Slack user, mentioned. */
  | { user: string }
  | { link: string; label: string };

export interface Rich {
  /** An emoji name shown before the sentence in a message (`warning` for :warning:). */
  icon?: string;
  parts: Part[];
  /** More lines for a message only (a command's usage), already mrkdwn. */
  detail?: string | undefined;
}

export const rich = (icon: string | undefined, ...parts: Part[]): Rich => (icon === undefined ? { parts } : { icon, parts });

function partToMrkdwn(part: Part): string {
  if (typeof part === 'string') return escapeMrkdwn(part);
  if ('code' in part) return code(part.code);
  if ('user' in part) return `<@${part.user}>`;
  return `<${part.link}|${escapeMrkdwn(part.label)}>`;
}

function partToPlain(part: Part): string {
  if (typeof part === 'string') return part;
  if ('code' in part) return part.code;
  if ('user' in part) return `<@${part.user}>`;
  return part.label;
}

/** For a message: the icon, the sentence and any detail lines. */
export function toMrkdwn(text: Rich): string {
  const sentence = text.parts.map(partToMrkdwn).join('');
  const line = text.icon === undefined ? sentence : `:${text.icon}: ${sentence}`;
  return text.detail === undefined ? line : `${line}\n${text.detail}`;
}

/**
 * For a message's `text` (what notifications show): the sentence alone, no icon or detail. Slack
 * reads this field as mrkdwn too, so it stays escaped: a typed `<!channel>` must ping nobody.
 */
export function toNotification(text: Rich): string {
  return text.parts.map(partToMrkdwn).join('');
}

/** For a modal field (Slack shows inline errors as written): the sentence alone, as plain text. */
export function toPlain(text: Rich): string {
  return text.parts.map(partToPlain).join('');
}

/** `a`, `b`, `c` — or the word none. */
export function codeList(items: readonly string[]): Part[] {
  if (items.length === 0) return ['none'];
  return items.flatMap((item, i): Part[] => (i === 0 ? [{ code: item }] : [', ', { code: item }]));
}
