import type { Catalogue } from '../actions/catalogue/index.js';
import { plain, type ButtonElement } from './blocks.js';
import { encodeButtonValue } from './buttonValue.js';
import { buttonLabel, who } from '../text/actionWords.js';
import { approvalConfirmNote } from '../text/approvals.js';
import { actionButtonId } from './ids.js';
import { LIMITS, truncate } from './limits.js';

export interface ActionButtonSpec {
  /** A member action of the catalogue. */
  action: string;
  phloId: string;
  nodeId?: string | undefined;
  member: string;
  /** The member's role on the call, when known: the label names it. */
  role?: string | undefined;
}

type Confirm = NonNullable<ButtonElement['confirm']>;

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The dialog a click asks first: the entry's own (an action that can't be undone), and, when the
 * configuration gates the verb, that it may need an approver's OK. A gated action without a dialog
 * of its own asks "<do it>?" so the note is read before anything is sent.
 */
function confirmOf(catalogue: Catalogue, spec: ActionButtonSpec): Confirm | undefined {
  const words = catalogue.spec(spec.action).words;
  const own = words.confirm;
  const approvers = catalogue.approversOf(spec.action);
  if (own === undefined && approvers === undefined) return undefined;
  const question = own?.text(who(spec.member)) ?? `${capitalised(words.phrase(who(spec.member), {}).todo)}?`;
  const text = approvers === undefined ? question : `${question}\n${approvalConfirmNote(approvers.roles)}`;
  return {
    title: plain(own?.title ?? `${words.label}?`, LIMITS.confirmTitle),
    text: { type: 'mrkdwn', text: truncate(text, LIMITS.confirmText) },
    confirm: plain(own?.confirm ?? words.label, LIMITS.confirmButton),
    deny: plain('Cancel', LIMITS.confirmButton),
    ...(words.danger === true ? { style: 'danger' as const } : {}),
  };
}

/**
 * A button that runs a catalogue action on one member, labelled with the action and whom it acts on;
 * the entry (and the configuration's approvals) say whether it asks first and looks dangerous.
 */
export function actionButton(catalogue: Catalogue, spec: ActionButtonSpec, index: number): ButtonElement {
  const words = catalogue.spec(spec.action).words;
  const confirm = confirmOf(catalogue, spec);
  return {
    type: 'button',
    action_id: actionButtonId(spec.action, index),
    text: plain(buttonLabel(words.label, spec.member, spec.role), LIMITS.buttonText),
    value: truncate(
      encodeButtonValue({
        a: spec.action,
        p: spec.phloId,
        ...(spec.nodeId === undefined ? {} : { n: spec.nodeId }),
        m: spec.member,
      }),
      LIMITS.buttonValue,
    ),
    ...(words.danger === true ? { style: 'danger' as const } : {}),
    ...(confirm === undefined ? {} : { confirm }),
  };
}
