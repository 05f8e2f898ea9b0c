import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionResult } from '../../src/actions/ports.js';
import { createLogger } from '../../src/logger.js';
import { CallThreads, THREAD_IDLE_MS, type CallKey } from '../../src/slack/callThreads.js';
import { SlackReplies } from '../../src/slack/replies.js';
import { openStore, type Store } from '../../src/store/index.js';
import { startFakeSlack, type FakeSlack } from '../support/fakeSlack.js';
import { createTestDatabase } from '../store/databases.js';

let slack: FakeSlack;
let store: Store;
let clock = Date.parse('2026-11-24T09:00:00Z');
let threads: CallThreads;

const key: CallKey = {
  teamId: 'T0TEAM',
  channelId: 'C0SUPPORT',
  phlo: { alias: 'support', id: '4c1a9f23-7f56-4879-bb80-db856e1e7701', name: 'Support line' },
  node: { alias: 'queue', id: 'b4b48fc2-f47a-4a93-97c3-749ed9a40fa8' },
};
const change = (member: string) => ({ action: 'hold' as const, userId: 'U0ALICE', member, input: {}, outcome: 'ok', at: clock });
// The reply's content doesn't matter here, only where it goes.
const reply = (member: string): ActionResult => ({
  action: 'hold',
  userId: 'U0ALICE',
  member,
  input: {},
  target: 'Support line · queue',
  outcome: 'ok',
  latencyMs: 1,
  followUps: [],
  notes: [],
});

beforeAll(async () => {
  slack = await startFakeSlack();
  store = await openStore(`sqlite:${join(mkdtempSync(join(tmpdir(), 'phlo-bot-threads-')), 'db.sqlite')}`);
  const client = new WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
  threads = new CallThreads(store, new SlackReplies(client, createLogger('silent')), () => new Date(clock), createLogger('silent'));
});
afterAll(async () => {
  await threads.cardsSettled();
  await store.close();
  await slack.close();
});

describe('a call’s thread', () => {
  it('is reused while actions keep coming, and a new card starts after 120 idle minutes', async () => {
    const first = await threads.publish(key, change('+14155550001'), reply('one'));
    clock += THREAD_IDLE_MS - 60_000; // 119 minutes later: same call
    const second = await threads.publish(key, change('+14155550001'), reply('two'));
    expect(second.threadTs).toBe(first.threadTs);
    clock += THREAD_IDLE_MS - 60_000; // idle time counts from the last action, not the first
    const third = await threads.publish(key, change('+14155550001'), reply('three'));
    expect(third.threadTs).toBe(first.threadTs);
    clock += THREAD_IDLE_MS + 1; // now more than 120 minutes without an action
    const fourth = await threads.publish(key, change('+14155550001'), reply('four'));
    expect(fourth.threadTs).not.toBe(first.threadTs);
    expect(slack.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === undefined)).toHaveLength(2);
  });

  it('is per channel and per node', async () => {
    const here = await threads.publish(key, change('+14155550002'), reply('a'));
    const otherChannel = await threads.publish({ ...key, channelId: 'C0OTHER' }, change('+14155550002'), reply('b'));
    const otherNode = await threads.publish({ ...key, node: { alias: 'vip', id: '0f6f7a4e-3b0a-4c8e-9d63-2a1f0c3b5e11' } }, change('+14155550002'), reply('c'));
    expect(new Set([here.threadTs, otherChannel.threadTs, otherNode.threadTs]).size).toBe(3);
  });

  it('answers a click in the thread it came from, even after that thread went idle', async () => {
    const old = await threads.publish(key, change('+14155550003'), reply('old'));
    clock += THREAD_IDLE_MS * 2;
    const clicked = await threads.publish({ ...key, threadTs: old.threadTs }, change('+14155550003'), reply('click'));
    expect(clicked.threadTs).toBe(old.threadTs);
  });
});

describe('a call with more members than its card can list', () => {
  it('lists the first ones seen, counts the rest, and still offers buttons for those on the call', async () => {
    const big = { ...key, channelId: 'C0BIG' };
    const at = (n: number): string => `+1415557${String(1000 + n)}`;
    const act = (action: 'call' | 'hangup', n: number) => ({ action, userId: 'U0BOB', member: at(n), input: { role: 'customer' }, outcome: 'ok', at: clock });
    // 300 customers join; the first 290 hang up, so the ten still on the call come after every line the card has room for.
    let threadTs = '';
    for (let n = 0; n < 300; n += 1) threadTs = (await threads.publish(big, act('call', n), reply(at(n)))).threadTs;
    for (let n = 0; n < 290; n += 1) await threads.publish(big, act('hangup', n), reply(at(n)));
    await threads.cardsSettled();

    const card = slack.message('C0BIG', threadTs);
    const text = JSON.stringify(card?.blocks);
    expect(text).toContain(`\`${at(0)}\` (customer): hung up by <@U0BOB>`);
    const listed = text.match(/• `/g)?.length ?? 0;
    expect(listed).toBeGreaterThan(10);
    expect(text).toContain(`…and ${String(300 - listed)} more`);
    // Hang up buttons for the members still on the call, though none of them is listed.
    const buttons = (card?.blocks as { type: string; elements?: { text: { text: string }; value: string }[] }[]).find((b) => b.type === 'actions')?.elements ?? [];
    const offered = buttons.map((b) => b.value).join(' ');
    for (let n = 290; n < 300; n += 1) expect(offered).toContain(at(n));
    expect(offered).not.toContain(at(0));
  });
});

describe('two instances on one database', () => {
  it('take turns on a call: one card for the first actions, and no member lost from it', async () => {
    const database = await createTestDatabase('postgres');
    const stores: [Store, Store] = [await openStore(database.url), await openStore(database.url)];
    try {
      const client = new WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
      const [a, b] = stores.map(
        (store) => new CallThreads(store, new SlackReplies(client, createLogger('silent')), () => new Date(), createLogger('silent')),
      ) as [CallThreads, CallThreads];
      const call = { ...key, channelId: 'C0TWO' };
      const dial = (member: string) => ({ action: 'call' as const, userId: 'U0BOB', member, input: { role: 'agent' }, outcome: 'ok', at: Date.now() });
      slack.reset();
      const posted = await Promise.all([
        a.publish(call, dial('+14155550101'), reply('one')),
        b.publish(call, dial('+14155550102'), reply('two')),
        a.publish(call, dial('+14155550103'), reply('three')),
        b.publish(call, dial('+14155550104'), reply('four')),
      ]);
      expect(new Set(posted.map((p) => p.threadTs)).size).toBe(1);
      expect(slack.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === undefined)).toHaveLength(1);
      // Once the cards have caught up, the last redraw lists all four, whichever instance drew it.
      await Promise.all([a.cardsSettled(), b.cardsSettled()]);
      const card = JSON.stringify(slack.message('C0TWO', posted[0].threadTs)?.blocks);
      for (const member of ['+14155550101', '+14155550102', '+14155550103', '+14155550104']) expect(card).toContain(`\`${member}\` (agent): on the call`);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
      await database.drop();
    }
  });
});
