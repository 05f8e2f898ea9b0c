/**
 * `/phlo history` and the App Home tab, end to end on SQLite and on PostgreSQL: real signed requests in,
 * the fake Slack's record of what was posted, uploaded and published out.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FinalOutcome, NewAction } from '../../src/store/index.js';
import { createTestDatabases, execSql } from '../store/databases.js';
import type { SlackCall } from '../support/fakeSlack.js';
import { eventCallbackPayload, postSigned, slashCommandBody } from '../support/slackRequests.js';
import { CONFIG_YAML, messageText, SIGNING_SECRET, startHarness, TEAM, USERS, type Harness } from './harness.js';

const databases = await createTestDatabases();
afterAll(async () => {
  await Promise.all(databases.map((d) => d.drop()));
});

/** Every line of a history message that lists one action. */
const rowLines = (call: SlackCall): string[] => messageText(call).split('\n').filter((l) => l.startsWith('<!date^'));

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

describe.each(databases)('history on $name', (database) => {
  let h: Harness;
  let channelSeq = 0;
  /** A channel of its own for each test, so no test sees another's rows. */
  const freshChannel = (): string => `C0H${database.name.toUpperCase()}${++channelSeq}`;

  beforeAll(async () => {
    h = await startHarness({ databaseUrl: database.url, dedupWindowMs: 0 });
  });
  afterAll(async () => {
    await h.stop();
  });
  beforeEach(() => {
    h.phlo.reset();
    h.slack.reset();
  });

  /** Writes attempts straight into the store, oldest first, a second apart. */
  async function plant(channelId: string, count: number, overrides: Partial<NewAction> & { outcome?: FinalOutcome; error?: string } = {}, startAt = Date.now() - 3_600_000): Promise<void> {
    const t0 = startAt;
    const { outcome = 'denied', error, ...fields } = overrides;
    for (let i = 0; i < count; i++) {
      const at = new Date(t0 + i * 1000);
      const action: NewAction = {
        createdAt: at,
        teamId: TEAM,
        channelId,
        userId: USERS.alice,
        action: 'hold',
        member: `+1415555${String(1000 + i).padStart(4, '0')}`,
        params: {},
        ...fields,
      };
      if (outcome === 'denied' || outcome === 'invalid' || outcome === 'duplicate') {
        await h.app.store.actions.recordFinal({ ...action, outcome, ...(error === undefined ? {} : { error }) });
      } else {
        const { id } = await h.app.store.actions.recordIntent(action);
        await h.app.store.actions.recordOutcome(id, { outcome, at, ...(error === undefined ? {} : { error }) });
      }
    }
  }

  const historyPost = (channel: string): Promise<SlackCall> =>
    h.slack.waitForCall('chat.postMessage', (c) => c.args.channel === channel && c.args.thread_ts === undefined && messageText(c).includes('history'));

  it('posts the channel’s last actions into the channel: time, who, action, member, outcome and a link to the call thread', async () => {
    const channel = freshChannel();
    await h.command('call +14155550111 --phlo support', { channel });
    await h.waitForReply();
    await h.command('hold +14155550111 --phlo support', { channel, user: USERS.bob });
    await h.waitForReply((c) => messageText(c).includes('on hold'));
    await h.command('hold +14155550111 --phlo support', { channel, user: USERS.vic });
    await h.waitForEphemeral(USERS.vic);
    const card = h.slack.callsTo('chat.postMessage').find((c) => c.args.channel === channel && c.args.thread_ts === undefined);
    const threadTs = String(card?.response?.ts);

    await h.command('history', { channel, user: USERS.vic });
    const post = await historyPost(channel);
    expect(post.status).toBe(200);
    expect(post.response?.ok).toBe(true);
    const lines = rowLines(post);
    expect(lines).toHaveLength(3);
    // Newest first: the viewer's refused hold, Bob's hold, Alice's call.
    expect(lines[0]).toMatch(/^<!date\^\d+\^\{date_short_pretty\} \{time_secs\}\|[^>]+> · <@U0VIC> · \*Hold\* `\+14155550111` · :no_entry: denied$/);
    expect(lines[1]).toContain(`<@${USERS.bob}> · *Hold* \`+14155550111\` · :white_check_mark: ok · <https://`);
    expect(lines[2]).toContain(`<@${USERS.alice}> · *Call* \`+14155550111\` · :white_check_mark: ok · <https://`);
    const permalink = `https://fake-team.slack.test/archives/${channel}/p${threadTs.replace('.', '')}`;
    expect(lines[1]).toContain(`<${permalink}|call thread>`);
    expect(lines[2]).toContain(`<${permalink}|call thread>`);
    expect(messageText(post)).toContain(`The last 3 actions in <#${channel}>`);
    // One permalink per call thread, not per row; and nothing answered privately.
    expect(h.slack.callsTo('chat.getPermalink')).toHaveLength(1);
    expect(h.slack.callsTo('chat.postEphemeral').filter((c) => c.args.user === USERS.vic)).toHaveLength(1);
    // The top-level text (the notification) pings nobody.
    expect(String(post.args.text)).not.toMatch(/<[@!#]/);
  });

  it('--member keeps one member’s actions and --limit caps how many', async () => {
    const channel = freshChannel();
    await plant(channel, 5);
    await h.command('history --member +14155551002', { channel });
    const one = await historyPost(channel);
    expect(rowLines(one)).toHaveLength(1);
    expect(rowLines(one)[0]).toContain('`+14155551002`');
    expect(messageText(one)).toContain('on `+14155551002`');

    h.slack.reset();
    await h.command('history --limit 2', { channel });
    const two = await historyPost(channel);
    expect(rowLines(two).map((l) => /`(\+\d+)`/.exec(l)?.[1])).toEqual(['+14155551004', '+14155551003']);
  });

  it('defaults to 10, and 50 fit in one message within Slack’s limits', async () => {
    const channel = freshChannel();
    await plant(channel, 60, { member: 'sip:a-rather-long-user-name-for-a-sip-endpoint@pbx.support.example.com' });
    await h.command('history', { channel });
    expect(rowLines(await historyPost(channel))).toHaveLength(10);
    h.slack.reset();
    await h.command('history --limit 50', { channel });
    const post = await historyPost(channel);
    // The fake Slack enforces the Block Kit limits: a 200 with ok means Slack would have taken it.
    expect(post.response?.ok).toBe(true);
    expect(rowLines(post)).toHaveLength(50);
    expect((post.args.blocks as unknown[]).length).toBeLessThanOrEqual(50);
  });

  it('an empty history says so, in the channel', async () => {
    const channel = freshChannel();
    await h.command('history', { channel, user: USERS.bob });
    const post = await historyPost(channel);
    expect(messageText(post)).toContain(`No actions are recorded in <#${channel}> yet.`);
    await h.command('history --member +14155550999', { channel, user: USERS.bob });
    const filtered = await h.slack.waitForCall('chat.postMessage', (c) => messageText(c).includes('No actions on'));
    expect(messageText(filtered)).toContain('No actions on `+14155550999` are recorded');
  });

  it('needs the history permission; a refusal is answered privately and recorded as denied', async () => {
    const channel = freshChannel();
    await h.command('history --limit 5', { channel, user: USERS.eve });
    const answer = await h.waitForEphemeral(USERS.eve);
    expect(messageText(answer)).toContain("You are not in phlo-bot's role map, so you can't `history`");
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(0);
    const [row] = await h.app.store.actions.history({ teamId: TEAM, channelId: channel, limit: 5 });
    expect(row).toMatchObject({ action: 'history', userId: USERS.eve, outcome: 'denied', params: { limit: '5' } });
  });

  it('a member of a mapped user group has the group’s permissions', async () => {
    const channel = freshChannel();
    await h.command('history', { channel, user: USERS.lee });
    await historyPost(channel);
  });

  it('text from the record is escaped: nothing in it pings anyone', async () => {
    const channel = freshChannel();
    await plant(channel, 1, { action: '<!channel> hi', member: '<!here>' });
    await h.command('history', { channel });
    const post = await historyPost(channel);
    const text = messageText(post);
    expect(text).toContain('&lt;!channel&gt; hi');
    expect(text).toContain('`&lt;!here&gt;`');
    expect(text).not.toMatch(/<!channel>|<!here>/);
  });

  it('answers the asker alone when the bot may not post in the channel', async () => {
    const channel = freshChannel();
    await plant(channel, 2);
    h.slack.failNext('chat.postMessage', { error: 'not_in_channel' });
    await h.command('history', { channel });
    const answer = await h.waitForEphemeral(USERS.alice);
    expect(messageText(answer)).toContain("phlo-bot can't post in this conversation");
    expect(messageText(answer).split('\n').filter((l) => l.startsWith('<!date^'))).toHaveLength(2);
  });

  it('prunes actions older than history_retention_days when an app starts', async () => {
    const channel = freshChannel();
    await plant(channel, 1, { member: '+14155550400' }, Date.now() - 31 * 86_400_000);
    await plant(channel, 1, { member: '+14155550029' }, Date.now() - 29 * 86_400_000);
    const other = await startHarness({
      databaseUrl: database.url,
      shareWith: h,
      configYaml: `${CONFIG_YAML}\nhistory_retention_days: 30\n`,
    });
    try {
      await expect
        .poll(async () => (await h.app.store.actions.history({ teamId: TEAM, channelId: channel, limit: 10 })).map((r) => r.member))
        .toEqual(['+14155550029']);
    } finally {
      await other.stop();
    }
  });

  describe('--csv', () => {
    it('uploads the matching rows as a CSV file into the user’s DM, and says so', async () => {
      const channel = freshChannel();
      await plant(channel, 3);
      await plant(channel, 1, {
        createdAt: new Date(Date.now() - 1000),
        action: 'run',
        member: undefined,
        params: { note: 'two words, "quoted"' },
        outcome: 'invalid',
        error: '=HYPERLINK("http://evil")\nsecond line',
      });
      await h.command('history --csv', { channel, user: USERS.bob });
      const sent = await h.waitForEphemeral(USERS.bob);
      expect(messageText(sent)).toContain('Sent you 4 actions as a CSV file in a direct message');

      const open = h.slack.callsTo('conversations.open');
      expect(open.map((c) => c.args.users)).toEqual([USERS.bob]);
      const dm = (open[0]?.response?.channel as { id: string }).id;
      const [upload] = h.slack.uploads;
      expect(upload).toMatchObject({ uploaded: true, completed: true, channelId: dm });
      expect(upload?.filename).toMatch(new RegExp(`^phlo-history-${channel}-\\d{8}T\\d{6}Z\\.csv$`));
      expect(upload?.initialComment).toContain(`History of <#${channel}>: 4 actions, newest first`);
      // Titled with the channel's name as the command came with it (the harness's channel is #support), not its id.
      expect(upload?.title).toMatch(/^phlo-bot history of #support, \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);

      const rows = parseCsv(upload?.content.toString('utf8') ?? '');
      expect(rows[0]).toEqual([
        'time', 'team', 'channel', 'thread_ts', 'user', 'action', 'phlo', 'node', 'member', 'params',
        'outcome', 'http_status', 'api_id', 'error', 'latency_ms', 'completed_at', 'id',
        'reason', 'decided_by', 'decided_at', 'approved_by', 'request_id', 'source',
      ]);
      expect(rows).toHaveLength(5);
      // Rows recorded without an entry point (as before the column existed) leave the source empty.
      expect(rows.slice(1).map((r) => r.at(-1))).toEqual(['', '', '', '']);
      const [newest, ...older] = rows.slice(1);
      expect(newest?.slice(0, 15)).toEqual([
        expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        TEAM, channel, '', USERS.alice, 'run', '', '', '', '{"note":"two words, \\"quoted\\""}',
        'invalid', '', '', `'=HYPERLINK("http://evil")\nsecond line`, '',
      ]);
      // Phone numbers stay numbers; only formula-like cells are defused.
      expect(older.map((r) => r[8])).toEqual(['+14155551002', '+14155551001', '+14155551000']);
      // The export is sent, not posted in the channel.
      expect(h.slack.callsTo('chat.postMessage')).toHaveLength(0);
    });

    it.each([
      ['a private channel Slack names `privategroup`', 'privategroup'],
      ['a group DM', 'mpdm-alice--bob-1'],
    ])('from %s the file is titled with the time alone; the comment names the channel', async (_where, channelName) => {
      const channel = freshChannel();
      await plant(channel, 1);
      await postSigned(
        `${h.baseUrl}/slack/events`,
        slashCommandBody({ text: 'history --csv', userId: USERS.bob, channelId: channel, channelName, teamId: TEAM, responseUrl: h.slack.responseUrl() }),
        SIGNING_SECRET,
      );
      await h.waitForEphemeral(USERS.bob, (c) => messageText(c).includes('Sent you 1 action as'));
      const [upload] = h.slack.uploads;
      expect(upload?.title).toMatch(/^phlo-bot history, \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
      expect(upload?.initialComment).toContain(`History of <#${channel}>`);
    });

    it('takes --member, and with nothing to export says so without uploading', async () => {
      const channel = freshChannel();
      await plant(channel, 3);
      await h.command('history --csv --member +14155551001', { channel, user: USERS.bob });
      await h.waitForEphemeral(USERS.bob, (c) => messageText(c).includes('Sent you 1 action as'));
      expect(parseCsv(h.slack.uploads[0]?.content.toString('utf8') ?? '')).toHaveLength(2);
      await h.command('history --csv --member +14155559999', { channel, user: USERS.bob });
      const none = await h.waitForEphemeral(USERS.bob, (c) => messageText(c).includes('nothing to export'));
      expect(messageText(none)).toContain('No actions on `+14155559999`');
      expect(h.slack.uploads).toHaveLength(1);
    });

    it('holds at most the newest 10,000 rows', async () => {
      const channel = freshChannel();
      const base = Date.now() - 86_400_000;
      const columns = 'id, created_at, completed_at, team_id, channel_id, user_id, action, member, params, outcome';
      const values = (i: string) =>
        `'bulk-' || ${i}, ${base} + ${i}, ${base} + ${i}, '${TEAM}', '${channel}', '${USERS.alice}', 'hold', '+14155550000', '{}', 'denied'`;
      await execSql(
        database.url,
        database.name === 'sqlite'
          ? `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10005) INSERT INTO actions (${columns}) SELECT ${values('i')} FROM n`
          : `INSERT INTO actions (${columns}) SELECT ${values('i')} FROM generate_series(1, 10005) AS i`,
      );
      await h.command('history --csv', { channel, user: USERS.bob });
      await h.waitForEphemeral(USERS.bob, (c) => messageText(c).includes('Sent you 10000 actions'), 30_000);
      const rows = parseCsv(h.slack.uploads[0]?.content.toString('utf8') ?? '');
      expect(rows).toHaveLength(10_001);
      expect(rows[1]?.[16]).toBe('bulk-10005');
      expect(rows[10_000]?.[16]).toBe('bulk-6');
      expect(h.slack.uploads[0]?.initialComment).toContain('the newest 10000; older ones are not included');
    });
  });

  describe('App Home', () => {
    const openHome = (user: string, tab = 'home') =>
      postSigned(
        `${h.baseUrl}/slack/events`,
        JSON.stringify(eventCallbackPayload({ type: 'app_home_opened', user, channel: `D0${user}`, tab }, { teamId: TEAM })),
        SIGNING_SECRET,
        { contentType: 'application/json' },
      );
    const homeText = (user: string): string => {
      const view = h.slack.homeView(user);
      return messageText({ method: 'views.publish', args: { blocks: view?.blocks }, at: 0 });
    };

    it('shows the user’s role, permissions, address and own last 10 actions with outcomes', async () => {
      const channel = freshChannel();
      // In the future, so they are newer than anything other tests had Alice do.
      await plant(channel, 12, { userId: USERS.alice, outcome: 'ok' }, Date.now() + 60_000);
      await plant(channel, 1, { userId: USERS.bob, member: '+14155557777' });
      const res = await openHome(USERS.alice);
      expect(res.status).toBe(200);
      const publish = await h.slack.waitForCall('views.publish', (c) => c.args.user_id === USERS.alice);
      expect(publish.response?.ok).toBe(true);
      const text = homeText(USERS.alice);
      expect(text).toContain('`agent`');
      expect(text).toContain('`+14155550100`');
      for (const p of ['status', 'history', 'call', 'transfer', 'hold']) expect(text).toContain(`\`${p}\``);
      expect(text).toContain('Your last 10 actions');
      const lines = text.split('\n').filter((l) => l.startsWith('<!date^'));
      expect(lines).toHaveLength(10);
      expect(lines[0]).toContain(`*Hold* \`+14155551011\` · in <#${channel}> · :white_check_mark: ok`);
      expect(text).not.toContain('+14155557777');
    });

    it('says when a user has no role or no actions; a group member sees the group’s role', async () => {
      const nobody = 'U0NOBODY';
      await openHome(nobody);
      await h.slack.waitForCall('views.publish', (c) => c.args.user_id === nobody);
      expect(homeText(nobody)).toContain("you are not in phlo-bot's role map");
      expect(homeText(nobody)).toContain('You have no recorded actions yet.');
      await openHome(USERS.lee);
      await h.slack.waitForCall('views.publish', (c) => c.args.user_id === USERS.lee);
      expect(homeText(USERS.lee)).toContain('`supervisor` (through a user group)');
    });

    it('the Messages tab publishes nothing', async () => {
      await openHome(USERS.alice, 'messages');
      await openHome(USERS.bob);
      await h.slack.waitForCall('views.publish', (c) => c.args.user_id === USERS.bob);
      expect(h.slack.callsTo('views.publish').map((c) => c.args.user_id)).toEqual([USERS.bob]);
    });
  });
});
