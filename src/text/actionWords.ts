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
