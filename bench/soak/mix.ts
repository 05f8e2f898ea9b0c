/**
 * What a support floor sends during the soak: commands (hold, unhold, call, transfer, status, history)
 * and clicks on the buttons of the replies, picked at random by weight.
 */
import { blockActionsBody, slashCommandBody } from '../../test/support/slackRequests.js';
import { AGENTS, CHANNEL, member, TEAM } from '../lib/fixture.js';
import type { WorldButton } from '../lib/world.js';

/** The customers already on the call (seeded), whom hold, unhold and transfers name. */
export const POOL = 300;

export type Kind = 'hold' | 'unhold' | 'call' | 'transfer' | 'status' | 'history' | 'click';

const WEIGHTS: [Kind, number][] = [
  ['hold', 20],
  ['unhold', 15],
  ['call', 10],
  ['transfer', 5],
  ['status', 10],
  ['history', 5],
  ['click', 35],
];
const TOTAL = WEIGHTS.reduce((a, [, w]) => a + w, 0);

function pickKind(): Kind {
  let r = Math.random() * TOTAL;
  for (const [kind, w] of WEIGHTS) {
    r -= w;
    if (r < 0) return kind;
  }
  return 'hold';
}

const pickOne = <T>(items: readonly T[]): T | undefined => items[Math.floor(Math.random() * items.length)];

let fresh = 0;

/** The next request: its kind and its body. A click with no button seen yet becomes a hold. */
export function nextRequest(buttons: readonly WorldButton[], responseUrl: string): { kind: Kind; body: string } {
  const userId = pickOne(AGENTS) ?? '';
  const someone = member(Math.floor(Math.random() * POOL));
  const command = (text: string): string => slashCommandBody({ text, userId, channelId: CHANNEL, teamId: TEAM, responseUrl });
  let kind = pickKind();
  const button = kind === 'click' ? pickOne(buttons) : undefined;
  if (kind === 'click' && button === undefined) kind = 'hold';
  switch (kind) {
    case 'hold':
    case 'unhold':
      return { kind, body: command(`${kind} ${someone}`) };
    case 'call':
      fresh += 1;
      return { kind, body: command(`call ${member(POOL + fresh)}`) };
    case 'transfer':
      fresh += 1;
      return { kind, body: command(`transfer warm ${member(POOL + fresh)} --from ${someone}`) };
    case 'status':
      return { kind, body: command('status') };
    case 'history':
      return { kind, body: command('history --limit 5') };
    case 'click': {
      if (button === undefined) throw new Error('unreachable: a click without a button became a hold');
      return {
        kind,
        body: blockActionsBody({
          userId, channelId: CHANNEL, teamId: TEAM, actionId: button.actionId, value: button.value,
          messageTs: button.messageTs, threadTs: button.threadTs, responseUrl,
        }),
      };
    }
  }
}
