import type { ModalView, StaticSelect } from '@slack/types';
import { ACTION_LABELS, MODAL_TEXT } from '../../messages.js';
import { MODAL_ACTION_IDS, MODAL_BLOCK_IDS, MODAL_CALLBACK_IDS } from '../ids.js';
import { callModal, transferModal } from './dial.js';
import { contextLine, MODAL_LIMITS, modal, option, plainText, type ModalContext } from './elements.js';
import { memberActionModal } from './member.js';
import { MODAL_ACTIONS, type ModalAction } from './metadata.js';
import { runModal } from './run.js';

const label = (action: ModalAction): string => (action === 'transfer' ? MODAL_TEXT.transferChoice : ACTION_LABELS[action]);

/**
 * `/phlo` alone (SPEC §4): a select of the actions in an actions block, so choosing one sends a
 * block_actions payload at once (action_id MODAL_ACTION_IDS.picker); the listener answers with
 * views.update and `modalForPickedAction`. No input block, so no submit button.
 */
export function actionPickerModal(ctx: ModalContext): ModalView {
  const select: StaticSelect = {
    type: 'static_select',
    action_id: MODAL_ACTION_IDS.picker,
    placeholder: plainText(MODAL_TEXT.pickerPlaceholder, MODAL_LIMITS.placeholder),
    options: MODAL_ACTIONS.map((a) => option(label(a), a)),
    focus_on_load: true,
  };
  return modal({
    callbackId: MODAL_CALLBACK_IDS.picker,
    title: MODAL_TEXT.titles.picker,
    channelId: ctx.channelId,
    blocks: [
      contextLine(ctx.channelId),
      { type: 'section', block_id: MODAL_BLOCK_IDS.notice, text: { type: 'mrkdwn', text: `*${MODAL_TEXT.pickerPrompt}*` } },
      { type: 'actions', block_id: MODAL_BLOCK_IDS.picker, elements: [select] },
    ],
  });
}

/** The picked action from a block_actions payload's `selected_option.value`, or undefined. */
export function pickerChoice(raw: unknown): ModalAction | undefined {
  return typeof raw === 'string' && (MODAL_ACTIONS as readonly string[]).includes(raw) ? (raw as ModalAction) : undefined;
}

/** The view to `views.update` the picker with once an action is chosen. */
export function modalForPickedAction(action: ModalAction, ctx: ModalContext): ModalView {
  switch (action) {
    case 'call':
      return callModal(ctx);
    case 'transfer':
      return transferModal(ctx);
    case 'run':
      return runModal(ctx);
    default:
      return memberActionModal(ctx, { action });
  }
}
