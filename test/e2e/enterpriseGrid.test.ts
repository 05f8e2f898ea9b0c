/**
 * A workspace that joins an Enterprise Grid organization while phlo-bot runs: Slack's auth.test
 * answers differently from then on, and requests name the organization. phlo-bot asks auth.test again
 * (at most once a minute) before refusing such a request, so it is served without a restart.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { postSigned, slashCommandPayload } from '../support/slackRequests.js';
import { waitFor } from '../support/wait.js';
import { CHANNEL, messageText, SIGNING_SECRET, startHarness, TEAM, USERS, type Harness } from './harness.js';

const ORG = 'E0GRID';

/**
 * Slack's Web API as the Slack stand-in answers it, except auth.test, which answers `authTest` as it
 * is when asked (the stand-in's is fixed), and counts its calls.
 */
interface AuthTestProxy {
  apiUrl: string;
  authTest: Record<string, unknown>;
  authTestCalls: number;
  /** The stand-in the other methods go to (known once the harness started it). */
  target: string | undefined;
  /** While true, auth.test is not answered until `release()`. */
  hold: boolean;
  release(): void;
  close(): Promise<void>;
}

async function startAuthTestProxy(): Promise<AuthTestProxy> {
  const proxy: AuthTestProxy = {
    apiUrl: '',
    authTest: { ok: true, team_id: TEAM, user_id: 'U0BOT', bot_id: 'B0BOT', is_enterprise_install: false },
    authTestCalls: 0,
    target: undefined,
    hold: false,
    release: () => {
      proxy.hold = false;
      for (const answer of held.splice(0)) answer();
    },
    close: () => new Promise((resolve) => { server.close(() => { resolve(); }); }),
  };
  const held: (() => void)[] = [];
  const server: Server = createServer((req, res) => {
    if (req.url === '/api/auth.test') {
      proxy.authTestCalls += 1;
      req.resume();
      const answer = () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(proxy.authTest));
      if (proxy.hold) held.push(answer);
      else answer();
      return;
    }
    if (proxy.target === undefined) {
      res.writeHead(503).end();
      return;
    }
    const onward = request(new URL(req.url ?? '/', proxy.target), { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(onward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  return proxy;
}

describe('a workspace that joins an Enterprise Grid organization after phlo-bot started', () => {
  let proxy: AuthTestProxy;
  let h: Harness;
  let offsetMs = 0;
  /** auth.test calls at start (Bolt asks too): the asks counted below come after them. */
  let atStart = 0;
  const asksSinceStart = (): number => proxy.authTestCalls - atStart;
  const now = (): Date => new Date(Date.now() + offsetMs);

  beforeAll(async () => {
    proxy = await startAuthTestProxy();
    h = await startHarness({ env: { SLACK_API_URL: proxy.apiUrl }, now });
    proxy.target = h.slack.baseUrl;
  });
  afterAll(async () => {
    await h.stop();
    await proxy.close();
  });
  beforeEach(() => {
    h.slack.reset();
  });

  /** `/phlo help` from our team, naming `enterpriseId` as a workspace of an organization does. */
  const helpFrom = (teamId: string, enterpriseId: string) =>
    postSigned(
      `${h.baseUrl}/slack/events`,
      new URLSearchParams({
        ...slashCommandPayload({ text: 'help', userId: USERS.alice, channelId: CHANNEL, teamId, responseUrl: h.slack.responseUrl() }),
        enterprise_id: enterpriseId,
      }).toString(),
      SIGNING_SECRET,
    );

  it('is refused while auth.test says the workspace is in no organization, without asking again within the minute', async () => {
    // Served as usual first: every ask made at start has been answered.
    await h.command('help');
    await h.waitForEphemeral(USERS.alice);
    atStart = proxy.authTestCalls;
    h.slack.reset();
    const answer = await helpFrom(TEAM, ORG);
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('not set up for this Slack workspace');
    expect(asksSinceStart()).toBe(0);
  });

  it('is served once auth.test says so, a minute after it was last asked, with no restart', async () => {
    proxy.authTest = { ...proxy.authTest, enterprise_id: ORG };
    offsetMs += 61_000;
    const answer = await helpFrom(TEAM, ORG);
    expect(answer.status).toBe(200);
    expect(answer.body).not.toContain('not set up');
    const help = await h.waitForEphemeral(USERS.alice);
    expect(messageText(help)).toContain('/phlo');
    expect(asksSinceStart()).toBe(1);
    expect(h.logs.some((l) => l.msg === 'auth.test answers differently: the bot token now serves this workspace or organization')).toBe(true);
  });

  it('another workspace of the organization is still refused, and auth.test is not asked again within the minute', async () => {
    const answer = await helpFrom('T0NEIGHBOUR', ORG);
    expect(answer.body).toContain('not set up for this Slack workspace');
    expect(asksSinceStart()).toBe(1);
  });

  it('is served too once the install is made org-wide, and requests arriving together share one ask', async () => {
    proxy.authTest = { ...proxy.authTest, enterprise_id: ORG, is_enterprise_install: true };
    offsetMs += 61_000;
    const answers = await Promise.all([helpFrom('T0NEIGHBOUR', ORG), helpFrom('T0NEIGHBOUR', ORG), helpFrom('T0THIRD', ORG)]);
    expect(answers.map((a) => a.body.includes('not set up'))).toEqual([false, false, false]);
    await expect.poll(() => h.slack.callsTo('chat.postEphemeral').length).toBe(3);
    expect(asksSinceStart()).toBe(2);
  });

  it("a request still waiting for auth.test at Slack's deadline is answered with an empty 200, then refused on record", async () => {
    proxy.hold = true;
    offsetMs += 61_000;
    const answer = await helpFrom('T0ELSEWHERE', 'E0ELSEWHERE');
    expect(answer).toMatchObject({ status: 200, body: '' });
    proxy.release();
    const refused = await waitFor(async () => (await h.app.store.actions.history({ teamId: 'T0ELSEWHERE', channelId: CHANNEL, limit: 1 }))[0]);
    expect(refused).toMatchObject({ outcome: 'denied', action: 'command' });
    // The late refusal is not an error: nobody is told "something went wrong".
    expect(h.slack.calls.filter((c) => messageText(c).includes('error id'))).toEqual([]);
    expect(h.logs.some((l) => l.msg === 'a Slack request was acknowledged after its deadline; Slack had an empty 200 already')).toBe(true);
  });
});
