import type { InputBlock } from '@slack/types';
import { REASON_MAX } from '../../actions/validate.js';
import { MODAL_TEXT } from '../../text/index.js';
import { MODAL_ACTION_IDS, MODAL_BLOCK_IDS } from '../ids.js';
import { inputBlock, type ModalContext } from './elements.js';

/**
 * The optional "why" a request for approval carries, in the forms whose actions the configuration
 * may gate; only when it gates some verb, so a workspace without approvals sees no extra field.
 */
export function reasonBlocks(ctx: ModalContext): InputBlock[] {
  if (Object.keys(ctx.config.approvals).length === 0) return [];
  return [
    inputBlock(
      MODAL_BLOCK_IDS.reason,
      MODAL_TEXT.labels.reason,
      { type: 'plain_text_input', action_id: MODAL_ACTION_IDS.reason, max_length: REASON_MAX },
      { optional: true, hint: MODAL_TEXT.hints.reason },
    ),
  ];
}
