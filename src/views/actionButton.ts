import type { Catalogue } from '../actions/catalogue/index.js';
import { plain, type ButtonElement } from './blocks.js';
import { encodeButtonValue } from './buttonValue.js';
import { who } from '../text/actionWords.js';
import { actionButtonId } from './ids.js';
import { LIMITS, truncate } from './limits.js';

export interface ActionButtonSpec {
  /** A member action of the catalogue. */
  action: string;
  phloId: string;
  nodeId?: string | undefined;
  member: string;
}

/** A button that runs a catalogue action on one member; the entry says whether it asks first and looks dangerous. */
export function actionButton(
  catalogue: Catalogue,
  spec: ActionButtonSpec,
  index: number,
  options: { withMember?: boolean } = {},
): ButtonElement {
  const words = catalogue.spec(spec.action).words;
  const label = options.withMember === true ? `${words.label} ${spec.member}` : words.label;
  const confirm = words.confirm;
  return {
    type: 'button',
    action_id: actionButtonId(spec.action, index),
    text: plain(label, LIMITS.buttonText),
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
    ...(confirm === undefined
      ? {}
      : {
          confirm: {
            title: plain(confirm.title, 100),
            text: { type: 'mrkdwn', text: truncate(confirm.text(who(spec.member)), LIMITS.confirmText) },
            confirm: plain(confirm.confirm, 30),
            deny: plain('Cancel', 30),
            style: 'danger' as const,
          },
        }),
  };
}
