import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL, messageText, OTHER_CHANNEL, startHarness, USERS, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ dedupWindowMs: 0 });
});
afterAll(async () => {
  await h.stop();
});

// Slack limits each method on its own, chat.postMessage per channel too: one 429 must not hold up the rest.
describe('a 429 delays only the calls it covers', () => {
  it('while a thread post in one channel waits out Retry-After, help, forms and another channel answer at once', async () => {
    const retryAfterSeconds = 4;
    h.slack.failNext('chat.postMessage', { status: 429, retryAfterSeconds });
    await h.command('call +14155558101');
    await expect.poll(() => h.slack.callsTo('chat.postMessage').some((c) => c.status === 429)).toBe(true);

    const asked = performance.now();
    await h.command('help');
    const help = await h.waitForEphemeral(USERS.alice, (c) => messageText(c).includes('/phlo'));
    const helpMs = performance.now() - asked;
    await h.command('transfer');
    const opened = await h.slack.waitForCall('views.open', (c) => c.status === 200);
    await h.command('call +14155558102 --phlo support --node queue', { channel: OTHER_CHANNEL, user: USERS.bob });
    const elsewhere = await h.waitForReply((c) => c.args.channel === OTHER_CHANNEL);

    // Only now does the first channel's post go through again, and its result still lands.
    const reply = await h.waitForReply((c) => c.args.channel === CHANNEL && messageText(c).includes('+14155558101'));
    const retried = h.slack.callsTo('chat.postMessage').find((c) => c.args.channel === CHANNEL && c.status === 200);
    expect(retried).toBeDefined();
    const limited = h.slack.callsTo('chat.postMessage').find((c) => c.status === 429);
    for (const call of [help, opened, elsewhere]) {
      expect(call.at).toBeLessThan(retried?.at ?? 0);
      // Well inside the Retry-After window, not after it.
      expect(call.at - (limited?.at ?? 0)).toBeLessThan(retryAfterSeconds * 1000);
    }
    expect(messageText(reply)).toContain('added `+14155558101` to the call');
    // The figure for the record: how long /phlo help took while the 429 was pending.
    console.log(`/phlo help answered in ${Math.round(helpMs)} ms while a ${retryAfterSeconds} s Retry-After was pending`);
  });
});
