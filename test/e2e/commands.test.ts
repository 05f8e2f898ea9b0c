import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { anyOf, defined } from '../support/matchers.js';
import { createTestDatabase, type TestDatabase } from '../store/databases.js';
import { buttonsOf, messageText, NODE_ID, PHLO_ID, SALES_PHLO_ID, startHarness, USERS, VIP_NODE_ID, type Harness } from './harness.js';

// The same end-to-end specification on both stores.
describe.each(['sqlite', 'postgres'] as const)('on %s', (database) => {
  let h: Harness;
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(database);
    // These tests repeat actions on purpose; deduplication has its own tests.
    h = await startHarness({ dedupWindowMs: 0, databaseUrl: db.url });
  });
  afterAll(async () => {
    await h.stop();
    await db.drop();
  });
  beforeEach(() => {
    h.phlo.reset();
    h.slack.reset();
  });

  const mpcPath = `/v1/phlo/${PHLO_ID}/multi_party_call/${NODE_ID}`;
  const memberPath = (member: string): string => `${mpcPath}/members/${member}`;

  async function phloRequests(count: number) {
    await expect.poll(() => h.phlo.requests.length).toBe(count);
    return h.phlo.requests;
  }

  describe('/phlo acts on live calls through PHLO', () => {
    it('call: dials the number into the channel’s default node with the user’s address as trigger_source', async () => {
      const res = await h.command('call +1 (415) 555-1234');
      expect(res.status).toBe(200);
      const reply = await h.waitForReply();
      const [request] = await phloRequests(1);
      expect(request).toMatchObject({
        method: 'POST',
        path: mpcPath,
        body: { action: 'call', to: '+14155551234', role: 'agent', trigger_source: '+14155550100' },
      });
      expect(request?.headers['user-agent']).toMatch(/^phlo-bot\/\d+\.\d+\.\d+/);
      expect(messageText(reply)).toContain(`<@${USERS.alice}> added \`+14155551234\` to the call as agent`);
      expect(messageText(reply)).toMatch(/api_id `[0-9a-f-]+`/);
      expect(messageText(reply)).toMatch(/\d+ ms/);
      // Each button says whom it acts on: the role the call gave and the number's last digits.
      expect(buttonsOf(reply).map((b) => b.label)).toEqual(['Hold agent …1234', 'Hang up agent …1234']);
      expect(buttonsOf(reply).find((b) => b.label.startsWith('Hang up'))?.confirm).toBe(true);
      // On record with every field.
      const apiId = /api_id `([0-9a-f-]+)`/.exec(messageText(reply))?.[1];
      await expect
        .poll(async () => (await h.app.store.actions.history({ teamId: 'T0TEAM', channelId: 'C0SUPPORT', limit: 1 }))[0])
        .toMatchObject({
          userId: USERS.alice,
          action: 'call',
          phloId: PHLO_ID,
          nodeId: NODE_ID,
          member: '+14155551234',
          params: { to: '+14155551234', role: 'agent', from: '+14155550100' },
          outcome: 'ok',
          httpStatus: 201,
          apiId,
          threadTs: reply.args.thread_ts,
          latencyMs: anyOf(Number),
        });
    });

    it.each([
      // A warm transfer is resumed or aborted through the member it was made from.
      ['warm', 'warm_transfer', ['Resume sip:agent7', 'Abort sip:agent7']],
      ['cold', 'cold_transfer', ['Hold customer …1234', 'Hang up customer …1234']],
    ])('transfer %s: sends %s with role and from', async (mode, action, buttons) => {
      await h.command(`transfer ${mode} <tel:+14155551234|+1 415 555 1234> --role customer --from sip:agent7@phone.plivo.com`);
      const reply = await h.waitForReply();
      const [request] = await phloRequests(1);
      expect(request).toMatchObject({
        method: 'POST',
        path: mpcPath,
        body: { action, to: '+14155551234', role: 'customer', trigger_source: 'sip:agent7@phone.plivo.com' },
      });
      expect(buttonsOf(reply).map((b) => b.label)).toEqual(buttons);
    });

    it.each([
      ['hold', 'hold', 'put `+14155551234` on hold', ['Unhold …1234']],
      ['unhold', 'unhold', 'took `+14155551234` off hold', ['Hold …1234']],
      ['hangup', 'hangup', 'hung up `+14155551234`', []],
      ['voicemail', 'voicemail_drop', 'dropped a voicemail for `+14155551234`', []],
    ])('%s: posts {action: %s} to the member', async (verb, action, said, buttons) => {
      await h.command('call +14155551234', { user: USERS.bob });
      await h.waitForReply();
      h.slack.reset();
      await h.command(`${verb} +14155551234`, { user: USERS.bob });
      const reply = await h.waitForReply();
      const requests = await phloRequests(2);
      expect(requests[1]).toMatchObject({ method: 'POST', path: memberPath('+14155551234'), body: { action } });
      expect(messageText(reply)).toContain(said);
      expect(buttonsOf(reply).map((b) => b.label)).toEqual(buttons);
    });

    it('resume and abort: act on a warm transfer through its initiator', async () => {
      await h.command('call +14155550100');
      await h.waitForReply();
      await h.command('transfer warm +14155559999');
      await h.waitForReply((c) => messageText(c).includes('warm transfer'));
      await h.command('resume +14155550100');
      await h.waitForReply((c) => messageText(c).includes('resumed'));
      await h.command('transfer warm +14155558888');
      await h.waitForReply((c) => messageText(c).includes('+14155558888'));
      await h.command('abort +14155550100');
      await h.waitForReply((c) => messageText(c).includes('aborted'));
      const bodies = (await phloRequests(5)).map((r) => [r.path, r.body]);
      expect(bodies[2]).toEqual([memberPath('+14155550100'), { action: 'resume_call' }]);
      expect(bodies[4]).toEqual([memberPath('+14155550100'), { action: 'abort_transfer' }]);
    });

    it('a SIP member goes into the path as the SDKs send it', async () => {
      await h.command('call sip:carol@phone.plivo.com', { user: USERS.bob });
      await h.waitForReply();
      await h.command('hold <sip:carol@phone.plivo.com|sip:carol@phone.plivo.com>', { user: USERS.bob });
      await h.waitForReply((c) => messageText(c).includes('on hold'));
      const requests = await phloRequests(2);
      expect(requests[0]?.body).toMatchObject({ trigger_source: 'sip:bob@phone.plivo.com' });
      expect(requests[1]?.path).toBe(memberPath('sip:carol@phone.plivo.com'));
    });

    it('--phlo and --node pick another configured node, by alias or id', async () => {
      await h.command('call +14155551234 --node vip');
      await h.waitForReply();
      await h.command(`call +14155554321 --phlo ${PHLO_ID} --node ${VIP_NODE_ID}`);
      await h.waitForReply((c) => messageText(c).includes('+14155554321'));
      const requests = await phloRequests(2);
      expect(requests.map((r) => r.path)).toEqual([
        `/v1/phlo/${PHLO_ID}/multi_party_call/${VIP_NODE_ID}`,
        `/v1/phlo/${PHLO_ID}/multi_party_call/${VIP_NODE_ID}`,
      ]);
    });

    it('run: sends the key=value payload exactly as typed and shows PHLO’s message', async () => {
      await h.command('run support CallerName="Ada Lovelace" order_id=42', { user: USERS.bob });
      const reply = await h.waitForReply();
      const [request] = await phloRequests(1);
      expect(request).toMatchObject({
        method: 'POST',
        path: `/v1/account/MATESTAUTHID0000000/phlo/${PHLO_ID}`,
        body: { CallerName: 'Ada Lovelace', order_id: '42' },
      });
      expect(messageText(reply)).toContain('ran the PHLO');
      expect(messageText(reply)).toContain('PHLO says:');
    });

    it('run: a key named __proto__ still reaches PHLO as typed', async () => {
      await h.command('run support __proto__=1 constructor=2', { user: USERS.bob });
      await h.waitForReply();
      const [request] = await phloRequests(1);
      expect(request?.body).toEqual(JSON.parse('{"__proto__":"1","constructor":"2"}'));
      expect(Object.keys(request?.body as object)).toEqual(['__proto__', 'constructor']);
    });

    it('run: more than 100 parameters are refused, and nothing reaches PHLO', async () => {
      const params = Array.from({ length: 101 }, (_, i) => `k${i}=v`).join(' ');
      await h.command(`run support ${params}`, { user: USERS.bob });
      const answer = await h.waitForEphemeral(USERS.bob, (c) => messageText(c).includes('at most 100 parameters'));
      expect(messageText(answer)).toContain('101 given');
      expect(h.phlo.requests).toEqual([]);
    });

    it('status and run-status: read-only answers to the asker alone', async () => {
      await h.command('status');
      const phloStatus = await h.waitForEphemeral(USERS.alice);
      expect(messageText(phloStatus)).toContain('Support line');
      // PHLO's `2026-12-04 16:40:12.345678+00:00` as a date in the reader's time zone, with a plain UTC fallback.
      expect(messageText(phloStatus)).toMatch(/\*created\*\n<!date\^\d+\^\{date_short_pretty\} at \{time\}\|\d{4}-\d\d-\d\d \d\d:\d\d UTC>/);
      expect(messageText(phloStatus)).not.toContain('+00:00');
      await h.command('status support --node queue');
      const nodeStatus = await h.waitForEphemeral(USERS.alice, (c) => messageText(c).includes('multi_party_call'));
      // With a node, the PHLO and the node: two reads, one answer listing both.
      expect(messageText(nodeStatus)).toContain('Support queue');
      expect(messageText(nodeStatus)).toContain('Support line');
      expect(messageText(nodeStatus)).toContain(PHLO_ID);
      expect(messageText(nodeStatus)).toContain(NODE_ID);
      expect(messageText(nodeStatus)).toMatch(/\*node created\*\n<!date\^\d+\^/);
      expect(messageText(nodeStatus)).not.toContain('+00:00');
      await h.command('run sales', { user: USERS.bob });
      await h.waitForReply();
      const runId = h.phlo.runs(SALES_PHLO_ID)[0]?.runId ?? '';
      await h.command(`run-status sales ${runId}`);
      const runStatus = await h.waitForEphemeral(USERS.alice, (c) => messageText(c).includes(runId));
      expect(messageText(runStatus)).toContain('calls');
      expect(h.phlo.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
        `GET /v1/phlo/${PHLO_ID}`,
        `GET /v1/phlo/${PHLO_ID}`,
        `GET /v1/phlo/${PHLO_ID}/multi_party_call/${NODE_ID}`,
        `POST /v1/account/MATESTAUTHID0000000/phlo/${SALES_PHLO_ID}`,
        `GET /v1/phlo/${SALES_PHLO_ID}/runs/${runId}`,
      ]);
    });
  });

  describe('call threads', () => {
    it('the first action posts the card; later ones reply in its thread and update it', async () => {
      // A channel of its own, so no earlier test's thread is active there.
      const target = '--phlo support --node vip';
      await h.command(`call +14155551234 ${target}`, { channel: 'C0THREADS' });
      const first = await h.waitForReply();
      const card = h.slack.callsTo('chat.postMessage').find((c) => c.args.thread_ts === undefined);
      expect(card).toBeDefined();
      const threadTs = String(card?.response?.ts);
      expect(first.args.thread_ts).toBe(threadTs);
      expect(messageText(defined(card, 'the call card'))).toContain('Call on Support line');

      await h.command(`hold +14155551234 ${target}`, { channel: 'C0THREADS' });
      const second = await h.waitForReply((c) => messageText(c).includes('on hold'));
      expect(second.args.thread_ts).toBe(threadTs);
      expect(h.slack.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === undefined)).toHaveLength(1);
      const update = await h.slack.waitForCall('chat.update', (c) => c.args.ts === threadTs);
      expect(messageText(update)).toContain('on hold');
      expect(buttonsOf(update).map((b) => b.label)).toEqual(['Unhold agent …1234', 'Hang up agent …1234']);
    });

    it('during a warm transfer, Resume and Abort name the member it is made from, and the card lists them', async () => {
      // Alice transfers from her own address, which was never dialled into the call.
      const target = '--phlo support --node vip';
      await h.command(`call +14155551234 --role customer ${target}`, { channel: 'C0TRANSFER' });
      const first = await h.waitForReply();
      const threadTs = String(first.args.thread_ts);
      await h.command(`transfer warm +14155559999 ${target}`, { channel: 'C0TRANSFER' });
      await h.waitForReply((c) => messageText(c).includes('warm transfer'));
      const update = await h.slack.waitForCall('chat.update', (c) => c.args.ts === threadTs && messageText(c).includes('transferring'));
      expect(buttonsOf(update).map((b) => b.label)).toEqual([
        'Resume …0100',
        'Abort …0100',
        'Hold customer …1234',
        'Hang up customer …1234',
        'Hold agent …9999',
        'Hang up agent …9999',
      ]);
      // The row Resume and Abort act through, first on the list.
      const members = messageText(update).split('\n').filter((line) => line.startsWith('• '));
      expect(members[0]).toBe('• `+14155550100`: started a warm transfer · :arrows_counterclockwise: transferring the call to `+14155559999`');
      expect(members.slice(1)).toEqual(['• `+14155551234` (customer): on the call', '• `+14155559999` (agent): on the call']);
    });
  });

  describe('refusals are answered to the user alone, and PHLO is never called', () => {
    it.each([
      [USERS.vic, 'hold +14155551234', 'Your role `viewer` does not have the `hold` permission'],
      [USERS.eve, 'call +14155551234', 'not in phlo-bot’s role map'.replace('’', "'")],
      [USERS.alice, 'run support', 'Your role `agent` does not have the `run` permission'],
    ])('%s: %s', async (user, text, expected) => {
      await h.command(text, { user });
      const answer = await h.waitForEphemeral(user);
      expect(messageText(answer)).toContain(expected);
      expect(h.phlo.requests).toHaveLength(0);
    });

    it('a member of a mapped user group gets that group’s role', async () => {
      await h.command('run support', { user: USERS.lee });
      await h.waitForReply();
      expect(h.phlo.requests).toHaveLength(1);
    });

    it.each([
      ['tranfser warm +14155551234', 'Did you mean `/phlo transfer`?'],
      ['call 12345', '`to` `12345` has 5 digits; a phone number has 8 to 15'],
      ['hold +14155551234 --phlo nope', 'Unknown PHLO `nope`. Known PHLOs: `support`, `sales`, `survey`'],
      ['hold +14155551234 --node nope', 'PHLO `support` has no node `nope`. Known nodes: `queue`, `vip`'],
      ['hold +14155551234 --limit 3', '`hold` has no flag `--limit`'],
      ['transfer lukewarm +14155551234', 'A transfer is `warm` or `cold`'],
      ['call +14155551234 --role boss', '`boss` is not a role'],
      ['run-status support', '`run-status` is missing `run_id`'],
      ['<!channel> now', '`&lt;!channel&gt;` is not a phlo-bot command'],
    ])('%s', async (text, expected) => {
      await h.command(text, { user: USERS.bob });
      const answer = await h.waitForEphemeral(USERS.bob);
      expect(messageText(answer)).toContain(expected);
      expect(messageText(answer)).not.toContain('<!channel>');
      expect(h.phlo.requests).toHaveLength(0);
    });

    it('a channel without defaults asks for --phlo', async () => {
      await h.command('hold +14155551234', { channel: 'C0ELSEWHERE' });
      const answer = await h.waitForEphemeral(USERS.alice);
      expect(messageText(answer)).toContain('This channel has no default PHLO');
    });
  });

  describe('help and whoami are open to everyone', () => {
    it('help lists every command; help <verb> shows examples', async () => {
      await h.command('help', { user: USERS.eve });
      const help = await h.waitForEphemeral(USERS.eve);
      for (const verb of ['call', 'transfer', 'hold', 'run', 'status', 'run-status', 'history', 'whoami']) {
        expect(messageText(help)).toContain(`/phlo ${verb}`);
      }
      await h.command('help transfer', { user: USERS.eve });
      const one = await h.waitForEphemeral(USERS.eve, (c) => messageText(c).includes('Examples'));
      expect(messageText(one)).toContain('/phlo transfer warm|cold <to>');
    });

    it('whoami shows role, address, permissions and the channel defaults', async () => {
      await h.command('whoami');
      const me = await h.waitForEphemeral(USERS.alice);
      const text = messageText(me);
      expect(text).toContain('`agent`');
      expect(text).toContain('`+14155550100`');
      expect(text).toContain('`transfer`');
      expect(text).toContain('PHLO `support`, node `queue`');
    });
  });
});
