import type { HomeView } from '@slack/types';
import type { Catalogue } from '../actions/catalogue/index.js';
import type { ApprovalView } from '../actions/ports.js';
import { approvalWhere, HOME_TEXT, homeWaitingTitle } from '../text/index.js';
import type { ActionRecord } from '../store/index.js';
import { slackDate } from '../text/escape.js';
import { approvalButtons, approvalSentence } from './approval.js';
import { actions, context, fieldsSection, plain, section, type Block } from './blocks.js';
import { actionAndMember, linesToSections, outcomeLabel } from './history.js';
import { HOME_BLOCK_IDS } from './ids.js';
import { LIMITS } from './limits.js';

export interface HomeViewData {
  role?: string | undefined;
  via?: 'user' | 'group' | undefined;
  address?: string | undefined;
  permissions: readonly string[];
  /** The user's own attempts, newest first. */
  recent: ActionRecord[];
  /** For an approver: the requests waiting for them, with the catalogue that words them. Absent for others. */
  waiting?: { catalogue: Catalogue; requests: ApprovalView[] } | undefined;
}

/** What waits for an approver, each with the same Approve and Reject as in the call's thread. */
function waitingBlocks(waiting: NonNullable<HomeViewData['waiting']>): Block[] {
  const blocks: Block[] = [section(homeWaitingTitle(waiting.requests.length), HOME_BLOCK_IDS.waitingTitle)];
  waiting.requests.forEach((view, i) => {
    blocks.push(
      section(`${approvalSentence(waiting.catalogue, view)}\n${approvalWhere(view)} · in <#${view.channelId}>`, `${HOME_BLOCK_IDS.waiting}_${i}`),
      actions(approvalButtons(view), `${HOME_BLOCK_IDS.waiting}_actions_${i}`),
    );
  });
  blocks.push({ type: 'divider' });
  return blocks;
}

/** `time · action member · in #channel · outcome`: the user's own attempt, on their Home tab. */
export function homeLine(r: ActionRecord): string {
  return [
    slackDate(r.createdAt),
    actionAndMember(r),
    `in <#${r.channelId}>`,
    outcomeLabel(r.outcome),
  ].join(' · ');
}

/** The App Home tab: the user's role, permissions, configured address and own recent actions. */
export function homeView(data: HomeViewData): HomeView {
  const fixed: Block[] = [
    { type: 'header', block_id: HOME_BLOCK_IDS.header, text: plain(HOME_TEXT.title, LIMITS.headerText) },
    section(HOME_TEXT.intro, HOME_BLOCK_IDS.intro),
    fieldsSection(
      [HOME_TEXT.role(data.role, data.via), HOME_TEXT.address(data.address), HOME_TEXT.permissions(data.permissions)],
      HOME_BLOCK_IDS.identity,
    ),
    { type: 'divider' },
    ...(data.waiting === undefined ? [] : waitingBlocks(data.waiting)),
    section(
      data.recent.length === 0 ? HOME_TEXT.recentEmpty : HOME_TEXT.recentTitle(data.recent.length),
      HOME_BLOCK_IDS.recentTitle,
    ),
  ];
  const footer = context([HOME_TEXT.footer], HOME_BLOCK_IDS.footer);
  const rows = linesToSections(data.recent.map(homeLine), LIMITS.modalBlocks - fixed.length - 1, HOME_BLOCK_IDS.recent);
  return { type: 'home', blocks: [...fixed, ...rows, footer] };
}
