import type { KnownBlock, ModalView } from '@slack/types';
import { MODAL_TEXT, modalParamsDropped } from '../../text/index.js';
import { MODAL_ACTION_IDS, MODAL_BLOCK_IDS, MODAL_CALLBACK_IDS } from '../ids.js';
import { contextLine, inputBlock, MODAL_LIMITS, modal, plainText, type ModalContext } from './elements.js';
import { phloChoices, phloSelectBlock, selectTarget } from './target.js';
import { reasonBlocks } from './reason.js';

export interface RunPrefill {
  /** PHLO alias or id as typed. */
  phlo?: string | undefined;
  params?: Record<string, string> | undefined;
}

/** Parameters as the modal's lines, whole lines only, within the input's limit. */
export function paramsText(params: Record<string, string>): { text: string; dropped: number } {
  const lines: string[] = [];
  let length = 0;
  let dropped = 0;
  for (const [key, value] of Object.entries(params)) {
    const line = `${key}=${value}`;
    const added = line.length + (lines.length === 0 ? 0 : 1);
    if (length + added > MODAL_LIMITS.textInput) {
      dropped++;
      continue;
    }
    lines.push(line);
    length += added;
  }
  return { text: lines.join('\n'), dropped };
}

/** `/phlo run`: the PHLO (the channel's preselected) and key=value lines. */
export function runModal(ctx: ModalContext, prefill: RunPrefill = {}): ModalView {
  const choices = phloChoices(ctx.config, { withNodes: false });
  const selection = selectTarget(ctx, { phlo: prefill.phlo });
  const { text, dropped } = paramsText(prefill.params ?? {});
  const blocks: KnownBlock[] = [
    contextLine(ctx.channelId),
    phloSelectBlock(choices, selection),
    inputBlock(
      MODAL_BLOCK_IDS.params,
      MODAL_TEXT.labels.params,
      {
        type: 'plain_text_input',
        action_id: MODAL_ACTION_IDS.params,
        multiline: true,
        max_length: MODAL_LIMITS.textInput,
        placeholder: plainText(MODAL_TEXT.placeholders.params, MODAL_LIMITS.placeholder),
        ...(text === '' ? {} : { initial_value: text }),
      },
      { optional: true, hint: [MODAL_TEXT.hints.params, ...(dropped > 0 ? [modalParamsDropped(dropped)] : [])].join(' ') },
    ),
    ...reasonBlocks(ctx),
  ];
  return modal({
    callbackId: MODAL_CALLBACK_IDS.run,
    title: MODAL_TEXT.titles.run,
    submit: MODAL_TEXT.submit.run,
    channelId: ctx.channelId,
    action: 'run',
    blocks,
  });
}
