import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotPermittedError } from '../../../src/actions/errors.js';
import { authorize, identify } from '../../../src/actions/auth/authorize.js';
import { GroupMembers } from '../../../src/actions/auth/groupMembers.js';
import { parseConfig } from '../../../src/config/index.js';
import { createLogger } from '../../../src/logger.js';
import { startFakeSlack, type FakeSlack } from '../../support/fakeSlack.js';

const config = parseConfig(
  `
phlos:
  support: { id: 4c1a9f23-7f56-4879-bb80-db856e1e7701, nodes: { queue: b4b48fc2-f47a-4a93-97c3-749ed9a40fa8 } }
roles:
  viewer: [status, history]
  agent: [status, history, call, transfer, hold, unhold]
  supervisor: ["*"]
users:
  U0ALICE: { role: agent, address: "+14155550100" }
  U0LEE: { role: viewer }
groups:
  S0LEADS: supervisor
  S0AGENTS: agent
`,
  'test.yml',
);

let slack: FakeSlack;
let now = 0;
let groups: GroupMembers;
beforeAll(async () => {
  slack = await startFakeSlack();
  slack.setUserGroup('S0LEADS', ['U0LEE', 'U0MAX']);
  slack.setUserGroup('S0AGENTS', ['U0MAX', 'U0NED']);
  const client = new WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
  groups = new GroupMembers(
    async (usergroup) => (await client.usergroups.users.list({ usergroup })).users ?? [],
    5 * 60_000,
    createLogger('silent'),
    () => now,
  );
});
afterAll(async () => {
  await slack.close();
});

describe('identify: who a Slack user is in the role map', () => {
  it('a listed user has their role, its permissions and their address', async () => {
    expect(await identify(config, groups, 'U0ALICE')).toEqual({
      userId: 'U0ALICE',
      role: 'agent',
      permissions: ['call', 'transfer', 'hold', 'unhold', 'status', 'history'],
      address: '+14155550100',
      via: 'user',
    });
  });

  it('a listed user keeps their own role even when a group would give more', async () => {
    expect((await identify(config, groups, 'U0LEE')).role).toBe('viewer');
  });

  it('"*" grants every permission', async () => {
    const max = await identify(config, groups, 'U0MAX');
    expect(max).toMatchObject({ role: 'supervisor', via: 'group' });
    expect(max.permissions).toHaveLength(11);
  });

  it('otherwise the first mapped group, in configuration order, that contains the user', async () => {
    expect(await identify(config, groups, 'U0NED')).toMatchObject({ role: 'agent', via: 'group' });
  });

  it('nobody else may do anything: deny by default', async () => {
    const eve = await identify(config, groups, 'U0EVE');
    expect(eve).toEqual({ userId: 'U0EVE', permissions: [] });
    expect(() => { authorize(eve, 'status'); }).toThrow(NotPermittedError);
  });

  it('group membership is read once and cached for a few minutes', async () => {
    slack.reset();
    now += 10 * 60_000; // past any earlier cache entry
    await identify(config, groups, 'U0NED');
    await identify(config, groups, 'U0NED');
    await Promise.all([identify(config, groups, 'U0ZED'), identify(config, groups, 'U0ZED')]);
    expect(slack.callsTo('usergroups.users.list').map((c) => c.args.usergroup)).toEqual(['S0LEADS', 'S0AGENTS']);
    now += 6 * 60_000;
    await identify(config, groups, 'U0NED');
    expect(slack.callsTo('usergroups.users.list')).toHaveLength(4);
  });

  it('a group Slack can’t refresh keeps its last list; one never read counts as not containing the user', async () => {
    now += 10 * 60_000; // every cached list has expired
    slack.reset();
    slack.failNext('usergroups.users.list', { error: 'ratelimited' });
    expect((await identify(config, groups, 'U0MAX')).role).toBe('supervisor');
    const client = new WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
    const fresh = new GroupMembers(
      async (usergroup) => (await client.usergroups.users.list({ usergroup })).users ?? [],
      5 * 60_000,
      createLogger('silent'),
      () => now,
    );
    slack.failNext('usergroups.users.list', { error: 'missing_scope' });
    expect((await identify(config, fresh, 'U0MAX')).role).toBe('agent');
    // Not cached: asked again, and now it answers.
    expect((await identify(config, fresh, 'U0MAX')).role).toBe('supervisor');
  });
});

describe('authorize', () => {
  it('names the permission and the role in its denial', async () => {
    const alice = await identify(config, groups, 'U0ALICE');
    expect(() => { authorize(alice, 'call'); }).not.toThrow();
    try {
      authorize(alice, 'hangup');
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'NOT_PERMITTED', permission: 'hangup', role: 'agent' });
    }
  });
});
