import type { MemberActionName } from '../actions/types.js';
import { ACTION_LABELS, CONFIRM } from '../messages.js';
import { plain, mrkdwn, type ButtonElement } from './blocks.js';
import { encodeButtonValue } from './buttonValue.js';
import { actionButtonId } from './ids.js';
import { LIMITS, truncate } from './limits.js';

export interface ActionButtonSpec {
  action: MemberActionName;
  phloId: string;
  nodeId?: string | undefined;
  member: string;
}

/** A button that runs a catalogue action on one member; hang up and voicemail ask first. */
export function actionButton(spec: ActionButtonSpec, index: number, options: { withMember?: boolean } = {}): ButtonElement {
  const label = options.withMember === true ? `${ACTION_LABELS[spec.action]} ${spec.member}` : ACTION_LABELS[spec.action];
  const confirm = CONFIRM[spec.action];
  const danger = spec.action === 'hangup' || spec.action === 'voicemail' || spec.action === 'abort';
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
    ...(danger ? { style: 'danger' as const } : {}),
    ...(confirm === undefined
      ? {}
      : {
          confirm: {
            title: plain(confirm.title, 100),
            text: { type: 'mrkdwn', text: truncate(confirm.text(spec.member), LIMITS.confirmText) },
            confirm: plain(confirm.confirm, 30),
            deny: plain('Cancel', 30),
            style: 'danger' as const,
          },
        }),
  };
}
