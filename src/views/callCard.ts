import { activeMembers, type CallMember, type CallState } from '../actions/callState.js';
import type { Catalogue } from '../actions/catalogue/index.js';
import { actionLabel, actionPhrase } from '../text/actionWords.js';
import { cardPendingLine, cardPendingTitle } from '../text/approvals.js';
import { actionButton, type ActionButtonSpec } from './actionButton.js';
import { actions, context, message, section, type Block, type MessageView } from './blocks.js';
import { code, escapeMrkdwn, mention, slackDate } from '../text/escape.js';
import { BLOCK_IDS } from './ids.js';
import { LIMITS } from './limits.js';

export interface CallCardData {
  phloName: string;
  phloId: string;
  /** Absent for PHLO-level threads (runs). */
  node?: { alias: string; id: string } | undefined;
  state: CallState;
  /** How many members the call has, when `state.members` holds only the first `CARD_MEMBER_ROWS` of them. */
  memberCount?: number | undefined;
  /** Requests for approval on this call still waiting for a decision, oldest first. */
  pending?: readonly PendingRequest[] | undefined;
}

/** A request for approval as the card lists it while it waits. */
export interface PendingRequest {
  requesterId: string;
  action: string;
  member?: string | undefined;
  input: Record<string, unknown>;
  expiresAt: Date;
}

/** The most waiting requests the card lists; the rest are counted. */
export const CARD_PENDING_ROWS = 5;

/** Who asks for what, and until when it waits: the card says so until each is decided. */
function pendingLines(catalogue: Catalogue, pending: readonly PendingRequest[]): string {
  const lines = pending
    .slice(0, CARD_PENDING_ROWS)
    .map((p) => `• ${cardPendingLine(p.requesterId, actionPhrase(catalogue, p.action, p.member, p.input).todo, p.expiresAt)}`);
  const more = pending.length - CARD_PENDING_ROWS;
  return [cardPendingTitle(pending.length), ...lines, ...(more > 0 ? [`_…and ${more} more_`] : [])].join('\n');
}

/** The shortest member line: an empty address that is simply on the call. */
const SHORTEST_MEMBER_LINE = '\n• ``: on the call'.length;

/**
 * More members than the members section can ever list: a card drawn from the first this many (plus the
 * first members still on the call, for the buttons) and the total looks as it would drawn from all.
 */
export const CARD_MEMBER_ROWS = Math.ceil(LIMITS.sectionText / SHORTEST_MEMBER_LINE);

/**
 * The buttons that make sense on the call now, as the catalogue's entries say: those offered on the
 * transfer in progress (Resume, Abort) first, then each member's (Hold or Unhold, Hang up).
 */
export function cardButtons(catalogue: Catalogue, data: CallCardData): ActionButtonSpec[] {
  if (data.node === undefined) return [];
  const base = { phloId: data.phloId, nodeId: data.node.id };
  const buttons: ActionButtonSpec[] = [];
  const transfer = data.state.transfer;
  if (transfer !== undefined) {
    for (const spec of catalogue.memberActions) {
      if (spec.card?.on === 'transfer') buttons.push({ ...base, action: spec.name, member: transfer.initiator, role: data.state.members[transfer.initiator]?.role });
    }
  }
  for (const [address, member] of activeMembers(data.state)) {
    // A busy call has more members than a message has buttons: stop when the row is full.
    if (buttons.length >= LIMITS.actionsElements) break;
    for (const spec of catalogue.memberActions) {
      if (spec.card?.on === 'member' && spec.card.when(member)) buttons.push({ ...base, action: spec.name, member: address, role: member.role });
    }
  }
  return buttons.slice(0, LIMITS.actionsElements);
}

/** Room kept under the section's limit for the line that counts the members not shown. */
const MORE_LINE_ROOM = 40;

/**
 * The members, one line each, as many as the section holds, then how many more there are: a call
 * with hundreds of members shows the first ones seen rather than a line cut in the middle.
 */
function memberLines(members: [string, CallMember][], total: number, transfer: CallState['transfer']): string {
  // Resume and Abort act through the member who started the transfer: their row is always listed,
  // first, even when the bot never saw them join (a transfer made from the agent's own address).
  const initiator = transfer?.initiator;
  const initiatorRow = initiator === undefined ? undefined : members.find(([address]) => address === initiator);
  const rows: [string, CallMember | undefined][] =
    initiator === undefined ? members : [[initiator, initiatorRow?.[1]], ...members.filter(([address]) => address !== initiator)];
  const listed = initiator !== undefined && initiatorRow === undefined ? total + 1 : total;
  if (listed === 0) return '_No members seen yet._';
  let text = '*Members*';
  let shown = 0;
  for (const [address, m] of rows) {
    const line = `\n${memberLine(address, m, transfer)}`;
    if (text.length + line.length > LIMITS.sectionText - MORE_LINE_ROOM) break;
    text += line;
    shown += 1;
  }
  return shown === listed ? text : `${text}\n_…and ${listed - shown} more_`;
}

function memberLine(address: string, m: CallMember | undefined, transfer: CallState['transfer']): string {
  const transferring = transfer?.initiator === address ? ` · :arrows_counterclockwise: transferring the call to ${code(transfer.recipient)}` : '';
  if (m === undefined) return `• ${code(address)}: started a warm transfer${transferring}`;
  const role = m.role === undefined ? '' : ` (${m.role})`;
  const status =
    m.left === 'hung_up'
      ? `hung up${m.leftBy === undefined ? '' : ` by ${mention(m.leftBy)}`}`
      : m.left === 'voicemail'
        ? `voicemail dropped${m.leftBy === undefined ? '' : ` by ${mention(m.leftBy)}`}`
        : m.left === 'transferred'
          ? 'transferred away'
          : m.held
            ? ':double_vertical_bar: on hold'
            : 'on the call';
  return `• ${code(address)}${role}: ${status}${transferring}`;
}

/** The parent message of a call's thread, kept current with chat.update. */
export function callCard(catalogue: Catalogue, data: CallCardData): MessageView {
  const where = data.node === undefined ? escapeMrkdwn(data.phloName) : `${escapeMrkdwn(data.phloName)} · ${code(data.node.alias)}`;
  // The title and its icon apart: the notification text is the title alone.
  const title = data.node === undefined ? `PHLO runs: ${where}` : `Call on ${where}`;
  const icon = data.node === undefined ? ':gear:' : ':telephone_receiver:';
  const blocks: Block[] = [section(`*${icon} ${title}*`, BLOCK_IDS.cardHeader)];

  if (data.node !== undefined) {
    const members = Object.entries(data.state.members);
    blocks.push(section(memberLines(members, data.memberCount ?? members.length, data.state.transfer), BLOCK_IDS.cardMembers));
  }
  const transfer = data.state.transfer;
  if (transfer !== undefined) {
    blocks.push(
      section(
        `:arrows_counterclockwise: Warm transfer to ${code(transfer.recipient)} in progress, started by ${mention(transfer.startedBy)} (from ${code(transfer.initiator)})`,
        BLOCK_IDS.cardTransfer,
      ),
    );
  }
  if (data.pending !== undefined && data.pending.length > 0) blocks.push(section(pendingLines(catalogue, data.pending), BLOCK_IDS.cardPending));
  const last = data.state.lastAction;
  if (last !== undefined) {
    const label = actionLabel(catalogue, last.action);
    blocks.push(
      context(
        [`Last action: ${escapeMrkdwn(label)}${last.member === undefined ? '' : ` on ${code(last.member)}`} by ${mention(last.userId)}, ${slackDate(new Date(last.at))} (${last.outcome})`],
        BLOCK_IDS.cardLast,
      ),
    );
  }
  const buttons = cardButtons(catalogue, data);
  if (buttons.length > 0) blocks.push(actions(buttons.map((b, i) => actionButton(catalogue, b, i)), BLOCK_IDS.cardActions));
  return message(title, blocks);
}
