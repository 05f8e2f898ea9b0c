import type { HomeView } from '@slack/types';
import { HOME_TEXT } from '../text/index.js';
import type { ActionRecord } from '../store/index.js';
import { context, fieldsSection, plain, section, type Block } from './blocks.js';
import { slackDate } from '../text/escape.js';
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
    section(
      data.recent.length === 0 ? HOME_TEXT.recentEmpty : HOME_TEXT.recentTitle(data.recent.length),
      HOME_BLOCK_IDS.recentTitle,
    ),
  ];
  const footer = context([HOME_TEXT.footer], HOME_BLOCK_IDS.footer);
  const rows = linesToSections(data.recent.map(homeLine), LIMITS.modalBlocks - fixed.length - 1, HOME_BLOCK_IDS.recent);
  return { type: 'home', blocks: [...fixed, ...rows, footer] };
}
