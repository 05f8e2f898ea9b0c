import { code, escapeMrkdwn } from './escape.js';
import { rich, type Rich } from './rich.js';
// History and App Home: `/phlo history`, its CSV export, and the App Home tab.

/** "2026-12-04 16:40 UTC": a time where Slack's date token can't be used (a file's title, a fallback). */
export const utcMinute = (at: Date): string => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** Outcomes as a reader sees them in history and on the App Home tab. */
export const OUTCOME_LABELS: Record<string, string> = {
  pending: ':hourglass_flowing_sand: in progress',
  ok: ':white_check_mark: ok',
  failed: ':x: failed',
  unknown: ':warning: unknown',
  denied: ':no_entry: denied',
  invalid: ':pencil2: invalid',
  duplicate: ':repeat: duplicate',
  awaiting_approval: ':raised_hand: requested, awaiting approval',
  approved: ':ballot_box_with_check: requested, approved',
  rejected: ':no_entry_sign: requested, rejected',
  expired: ':hourglass: requested, expired',
};

/** Who else a history line names: the approver of an action, the decider of a request. */
export const PEOPLE_TEXT = {
  approvedBy: (who: string): string => `approved by ${who}`,
  decidedBy: (outcome: string, who: string): string => `${outcome === 'rejected' ? 'rejected' : 'approved'} by ${who}`,
  reason: (reason: string): string => `“${escapeMrkdwn(reason)}”`,
  /** An action a Workflow Builder step asked for, not a person typing or clicking. */
  viaWorkflow: 'via workflow',
} as const;

/** Attempts that are not catalogue actions: refused before they became one, or the history itself. */
export const OTHER_ACTION_LABELS: Record<string, string> = {
  command: 'Command',
  button: 'Button',
  history: 'History',
  approve: 'Approve',
  reject: 'Reject',
  approval: 'Approval button',
  // Workflow Builder steps whose input was refused before it named an action.
  phlo_transfer: 'Transfer step',
  phlo_call: 'Call step',
  phlo_member_action: 'Member action step',
  phlo_run: 'Run step',
};

export const HISTORY_TEXT = {
  /** The heading of `/phlo history` posted in the channel. */
  title: (count: number, channelId: string, member: string | undefined): string =>
    `*${count === 1 ? 'The last action' : `The last ${count} actions`} in <#${channelId}>${member === undefined ? '' : ` on ${code(member)}`}*`,
  /** The notification text: no mentions, so the history pings nobody by itself. */
  fallback: (count: number, member: string | undefined): string =>
    `phlo-bot history: ${count === 1 ? 'the last action' : `the last ${count} actions`} in this channel${member === undefined ? '' : ` on ${escapeMrkdwn(member)}`}`,
  empty: (channelId: string, member: string | undefined): string =>
    member === undefined
      ? `:information_source: No actions are recorded in <#${channelId}> yet.`
      : `:information_source: No actions on ${code(member)} are recorded in <#${channelId}>.`,
  emptyFallback: 'phlo-bot history: no actions recorded',
  askedBy: (userId: string): string => `Asked by <@${userId}> with \`/phlo history\` · times are in your time zone`,
  threadLink: 'call thread',
  /** Said to the asker alone when the bot may not post in the channel. */
  notInChannel:
    ":information_source: phlo-bot can't post in this conversation (invite it with `/invite @phlo-bot`), so here is the history for you alone.",
  csvNone: (member: string | undefined): Rich =>
    member === undefined
      ? rich('information_source', 'No actions are recorded in this channel, so there is nothing to export.')
      : rich('information_source', 'No actions on ', { code: member }, ' are recorded in this channel, so there is nothing to export.'),
  csvComment: (channelId: string, count: number, member: string | undefined, capped: boolean): string =>
    `History of <#${channelId}>${member === undefined ? '' : ` on ${code(member)}`}: ${count} action${count === 1 ? '' : 's'}, newest first${capped ? ` (the newest ${count}; older ones are not included)` : ''}. Times are UTC.`,
  csvSent: (count: number, link: string | undefined): Rich =>
    rich(
      'page_facing_up',
      `Sent you ${count} action${count === 1 ? '' : 's'} as a CSV file in a direct message from phlo-bot`,
      ...(link === undefined ? [] : [' (', { link, label: 'open it' }, ')']),
      '.',
    ),
  /**
   * The file's title, as Slack lists it in the DM: the channel by the name the command came with, or,
   * where Slack gives no usable name (a private channel may come as `privategroup`), the time alone.
   */
  csvTitle: (channelName: string | undefined, at: Date): string =>
    channelName === undefined ? `phlo-bot history, ${utcMinute(at)}` : `phlo-bot history of #${channelName}, ${utcMinute(at)}`,
} as const;

export const HOME_TEXT = {
  title: 'phlo-bot',
  intro: 'Drive PHLO multiparty calls from Slack. Type `/phlo help` in a channel to see the commands.',
  role: (role: string | undefined, via: 'user' | 'group' | undefined): string =>
    role === undefined
      ? "*Role*\n_none: you are not in phlo-bot's role map. Ask your Slack admin to add you._"
      : `*Role*\n${code(role)}${via === 'group' ? ' (through a user group)' : ''}`,
  address: (address: string | undefined): string =>
    `*Your address*\n${address === undefined ? '_none configured: pass `--from` when you call or transfer_' : code(address)}`,
  permissions: (permissions: readonly string[]): string =>
    `*Permissions*\n${permissions.length === 0 ? '_none_' : permissions.map((p) => code(p)).join(' ')}`,
  recentTitle: (count: number): string => `*Your last ${count === 1 ? 'action' : `${count} actions`}*`,
  recentEmpty: '_You have no recorded actions yet._',
  footer: 'Times are in your time zone. `/phlo history` in a channel shows everyone’s actions there.',
} as const;
