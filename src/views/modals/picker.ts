import type { ModalView, StaticSelect } from '@slack/types';
import type { Catalogue, FormKind } from '../../actions/catalogue/index.js';
import { MODAL_TEXT } from '../../text/index.js';
import { MODAL_ACTION_IDS, MODAL_BLOCK_IDS, MODAL_CALLBACK_IDS } from '../ids.js';
import { callModal, transferModal } from './dial.js';
import { contextLine, MODAL_LIMITS, modal, option, plainText, type ModalContext } from './elements.js';
import { memberActionModal } from './member.js';
import { runModal } from './run.js';

/** One entry of the picker: a form (transfer, for both kinds) or a member action (the member form on it). */
export interface PickerChoice {
  value: string;
  label: string;
  form: FormKind;
  /** The member action chosen, for the member form. */
  action?: string | undefined;
}

/** What the picker offers, from the catalogue: each member action, and each other form once. */
export function pickerChoices(catalogue: Catalogue): PickerChoice[] {
  const choices: PickerChoice[] = [];
  for (const spec of catalogue.entries) {
    const form = spec.form;
    if (form === undefined) continue;
    const choice: PickerChoice =
      form.kind === 'member'
        ? { value: spec.name, label: spec.words.label, form: form.kind, action: spec.name }
        : { value: form.choice === undefined ? spec.name : form.kind, label: form.choice ?? spec.words.label, form: form.kind };
    if (!choices.some((c) => c.value === choice.value)) choices.push(choice);
  }
  return choices;
}

/**
 * `/phlo` alone: a select of the actions in an actions block, so choosing one sends a
 * block_actions payload at once (action_id MODAL_ACTION_IDS.picker); the listener answers with
 * views.update and `modalForPickedAction`. No input block, so no submit button.
 */
export function actionPickerModal(ctx: ModalContext): ModalView {
  const select: StaticSelect = {
    type: 'static_select',
    action_id: MODAL_ACTION_IDS.picker,
    placeholder: plainText(MODAL_TEXT.pickerPlaceholder, MODAL_LIMITS.placeholder),
    options: pickerChoices(ctx.catalogue).map((c) => option(c.label, c.value)),
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

/** The picked value from a block_actions payload's `selected_option.value`, if the picker offers it. */
export function pickerChoice(catalogue: Catalogue, raw: unknown): string | undefined {
  return typeof raw === 'string' ? pickerChoices(catalogue).find((c) => c.value === raw)?.value : undefined;
}

/** The form to `views.update` the picker with once an action is chosen (a value pickerChoice accepted). */
export function modalForPickedAction(value: string, ctx: ModalContext): ModalView {
  const choice = pickerChoices(ctx.catalogue).find((c) => c.value === value);
  if (choice === undefined) throw new Error(`the picker offers no ${value}`);
  switch (choice.form) {
    case 'call':
      return callModal(ctx);
    case 'transfer':
      return transferModal(ctx);
    case 'run':
      return runModal(ctx);
    case 'member':
      return memberActionModal(ctx, { action: choice.action });
  }
}
