// A busy call: many actions at once on one call node. Each gets its reply in the thread, and the card
// is redrawn from the latest stored state rather than once per action, so a slow card update does not
// hold the others back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait.js';
import { messageText, startHarness, USERS, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

const CHANNEL = 'C0BUSYCALL';
const members = Array.from({ length: 8 }, (_, i) => `+1415555${String(2000 + i)}`);

describe('a busy call', () => {
  it('answers every action in the thread while a card update is slow, then shows them all in one more update', async () => {
    // The members join one at a time, each shown on the card before the next, so no redraw is left over.
    await h.command(`call ${members[0] ?? ''} --phlo support`, { channel: CHANNEL, user: USERS.bob });
    const threadTs = String((await h.waitForReply((c) => c.args.channel === CHANNEL)).args.thread_ts);
    const cardShows = (text: string): boolean => JSON.stringify(h.slack.message(CHANNEL, threadTs)?.blocks).includes(text);
    for (const member of members.slice(1)) {
      await h.command(`call ${member} --phlo support`, { channel: CHANNEL, user: USERS.bob });
      await waitFor(() => cardShows(member), { message: `${member} on the card`, timeoutMs: 20_000 });
    }
    const updatesBefore = h.slack.callsTo('chat.update').filter((c) => c.args.ts === threadTs).length;

    // The next card update hangs until released: every hold arriving meanwhile must still be answered.
    h.slack.failNext('chat.update', { hold: true });
    await h.command(`hold ${members[0] ?? ''} --phlo support`, { channel: CHANNEL, user: USERS.bob });
    const held = await h.slack.waitForCall('chat.update', (c) => c.args.ts === threadTs && c.status === undefined);
    for (const member of members.slice(1)) await h.command(`hold ${member} --phlo support`, { channel: CHANNEL, user: USERS.bob });
    await waitFor(
      () => {
        const replies = h.slack.threadReplies(CHANNEL, threadTs).filter((m) => (m.text ?? '').includes('on hold') && !(m.text ?? '').includes('not'));
        return replies.length === members.length ? replies : undefined;
      },
      { message: 'a reply in the thread for every hold', timeoutMs: 20_000 },
    );
    // Seven changes came in while the first update hung: they share one redraw, not seven.
    expect(h.slack.callsTo('chat.update').filter((c) => c.args.ts === threadTs)).toHaveLength(updatesBefore + 1);

    expect(h.slack.release('chat.update')).toBe(1);
    const last = await h.slack.waitForCall('chat.update', (c) => c.args.ts === threadTs && c !== held && c.at >= held.at);
    for (const member of members) expect(messageText(last)).toMatch(new RegExp(`\\${member}\\S*[^\\n]*on hold`));
    const card = h.slack.message(CHANNEL, threadTs);
    for (const member of members) expect(JSON.stringify(card?.blocks)).toContain(member);
    expect(h.slack.callsTo('chat.update').filter((c) => c.args.ts === threadTs)).toHaveLength(updatesBefore + 2);
  });
});
