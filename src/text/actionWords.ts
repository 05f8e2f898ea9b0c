/** An action's words as a message shows them: its label, and its sentences with the member in code. */
import type { Catalogue } from '../actions/catalogue/index.js';
import { code, escapeMrkdwn } from './escape.js';

/** The member as a sentence shows it. */
export const who = (member: string | undefined): string => (member === undefined ? 'a member' : code(member));

/**
 * What an action does, as done ("hung up `x`") and as tried ("hang up `x`"), in mrkdwn. A name the
 * catalogue does not hold (a record from an older version) is shown as it is.
 */
export function actionPhrase(
  catalogue: Catalogue,
  action: string,
  member?: string,
  input: Readonly<Record<string, unknown>> = {},
): { done: string; todo: string } {
  const spec = catalogue.find(action);
  if (spec === undefined) return { done: escapeMrkdwn(action), todo: escapeMrkdwn(action) };
  return spec.words.phrase(who(member), input);
}

/** An action's label, or its name as it is when the catalogue does not hold it. */
export const actionLabel = (catalogue: Catalogue, action: string): string => catalogue.find(action)?.words.label ?? action;

/** The last digits a button shows of a phone number: enough to tell the members of one call apart. */
const SHORT_DIGITS = 4;
/** The most of a SIP user a button shows. */
const SHORT_SIP_USER = 24;

/**
 * An address as short as a button can show it and a person still recognise it on the card's list:
 * a phone number's last digits (`…1234`), a SIP address's scheme and user (`sip:bob`).
 */
export function shortAddress(address: string): string {
  if (address.startsWith('sip:')) {
    const user = address.slice('sip:'.length).split('@')[0] ?? '';
    return `sip:${user.length > SHORT_SIP_USER ? `${user.slice(0, SHORT_SIP_USER - 1)}…` : user}`;
  }
  const digits = address.replace(/\D/g, '');
  return digits.length <= SHORT_DIGITS ? address : `…${digits.slice(-SHORT_DIGITS)}`;
}

/** A button's words: the action and whom it acts on ("Hold customer …1234"); plain text, no mentions. */
export function buttonLabel(label: string, member: string, role: string | undefined): string {
  return [label, role, shortAddress(member)].filter((part) => part !== undefined && part !== '').join(' ');
}
