import type { ModalView } from '@slack/types';
import type { Incomplete } from '../../commands/parse.js';
import { callModal, transferModal } from './dial.js';
import type { ModalContext } from './elements.js';
import { memberActionModal } from './member.js';
import { runModal } from './run.js';

/**
 * The modal for a command missing its required arguments (SPEC §3), prefilled with what was
 * typed: `transfer warm` → transfer modal on warm; `hold --node vip` → member modal on Hold with
 * node vip; `run` → run modal.
 */
export function incompleteToModal(incomplete: Incomplete, ctx: ModalContext): ModalView {
  switch (incomplete.verb) {
    case 'call':
      return callModal(ctx, incomplete.given);
    case 'transfer':
      return transferModal(ctx, incomplete.given);
    case 'run':
      return runModal(ctx, incomplete.given);
    default:
      return memberActionModal(ctx, { ...incomplete.given, action: incomplete.verb });
  }
}
