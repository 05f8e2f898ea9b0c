/**
 * Starts the real app on a free port against local stand-ins: the fake Slack Web API and the
 * PHLO simulator. Tests talk to it exactly as Slack would: signed HTTP requests.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Catalogue } from '../../src/actions/catalogue/index.js';
import { startApp, type RunningApp } from '../../src/app.js';
import { loadSettings } from '../../src/config/index.js';
import { startPhloSimulator, type PhloSimulator } from '../../src/plivo/simulator/index.js';
import { startFakeSlack, type FakeSlack, type SlackCall } from '../support/fakeSlack.js';
import { blockActionsBody, postSigned, slashCommandBody, type PostedResponse } from '../support/slackRequests.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';
export const BOT_TOKEN = 'xoxb-test-bot-token-abcdef';
export const AUTH_ID = 'MATESTAUTHID0000000';
export const AUTH_TOKEN = 'phlo-auth-token-do-not-log';

export const PHLO_ID = '4c1a9f23-7f56-4879-bb80-db856e1e7701';
export const NODE_ID = 'b4b48fc2-f47a-4a93-97c3-749ed9a40fa8';
export const VIP_NODE_ID = '0f6f7a4e-3b0a-4c8e-9d63-2a1f0c3b5e11';
export const SALES_PHLO_ID = '9e3c7d1a-5b2f-4c6e-8a9d-1f2e3d4c5b6a';
export const SURVEY_PHLO_ID = '2b8e4f6a-1c3d-4e5f-8a7b-9c0d1e2f3a4b';
export const CHANNEL = 'C0SUPPORT';
export const OTHER_CHANNEL = 'C0ELSEWHERE';
export const TEAM = 'T0TEAM';

export const USERS = {
  alice: 'U0ALICE', // agent, phone address
  bob: 'U0BOB', // supervisor, SIP address
  vic: 'U0VIC', // viewer
  lee: 'U0LEE', // in the leads group only: supervisor through the group
  eve: 'U0EVE', // in nothing: denied by default
} as const;
export const LEADS_GROUP = 'S0LEADS';

export const CONFIG_YAML = `
phlos:
  support:
    id: ${PHLO_ID}
    name: Support line
    nodes:
      queue: ${NODE_ID}
      vip: ${VIP_NODE_ID}
    default_node: queue
  sales:
    id: ${SALES_PHLO_ID}
  survey:
    id: ${SURVEY_PHLO_ID}
channels:
  ${CHANNEL}: { phlo: support, node: queue }
roles:
  viewer: [status, history]
  agent: [status, history, call, transfer, hold, unhold, resume, abort, voicemail]
  supervisor: ["*"]
users:
  ${USERS.alice}: { role: agent, address: "+14155550100" }
  ${USERS.bob}: { role: supervisor, address: "sip:bob@phone.plivo.com" }
  ${USERS.vic}: { role: viewer }
groups:
  ${LEADS_GROUP}: supervisor
`;

export interface HarnessOptions {
  databaseUrl?: string;
  configYaml?: string;
  phloTimeoutMs?: number;
  env?: Record<string, string>;
  dedupWindowMs?: number;
  /** Starts the metrics listener on a free port (off by default: parallel apps cannot all take 9464). */
  metrics?: boolean;
  /**
   * Another harness whose fake Slack and PHLO simulator this app uses too: a second instance beside the
   * first (give both the same databaseUrl). stop() then leaves the shared stand-ins to their owner.
   */
  shareWith?: Harness;
  /** The app's actions: its own catalogue unless given (a test's copy with a new action). */
  catalogue?: Catalogue;
  /** Member actions the PHLO simulator accepts beyond PHLO's own. */
  extraMemberActions?: readonly string[];
  /** The app's clock (a test moves it to expire requests for approval). */
  now?: () => Date;
  /** Between the app's sweeps for expired requests for approval. */
  approvalSweepMs?: number;
}

export interface Harness {
  app: RunningApp;
  slack: FakeSlack;
  phlo: PhloSimulator;
  baseUrl: string;
  /** The metrics listener's base URL, when `metrics: true`. */
  metricsUrl: string | undefined;
  /** Every JSON log line the app wrote. */
  logs: Record<string, unknown>[];
  rawLogs: string[];
  command(text: string, options?: { user?: string; channel?: string; responseUrl?: string }): Promise<PostedResponse>;
  click(options: {
    user?: string;
    channel?: string;
    actionId: string;
    value: string;
    messageTs: string;
    threadTs?: string;
  }): Promise<PostedResponse>;
  /** Waits for the reply posted in a thread that matches. */
  waitForReply(predicate?: (call: SlackCall) => boolean): Promise<SlackCall>;
  /** `timeoutMs`: 5 s unless given (an export of thousands of rows takes longer on a busy machine). */
  waitForEphemeral(user: string, predicate?: (call: SlackCall) => boolean, timeoutMs?: number): Promise<SlackCall>;
  stop(): Promise<void>;
}

/** The PHLO simulator holding every PHLO and node that CONFIG_YAML names. */
export function startSimulator(extraMemberActions: readonly string[] = []): Promise<PhloSimulator> {
  return startPhloSimulator({
    extraMemberActions,
    authId: AUTH_ID,
    authToken: AUTH_TOKEN,
    phlos: [
      {
        id: PHLO_ID,
        name: 'Support line',
        nodes: [
          { id: NODE_ID, name: 'Support queue' },
          { id: VIP_NODE_ID, name: 'VIP queue' },
        ],
      },
      { id: SALES_PHLO_ID, name: 'Sales', nodes: [] },
      // Its flow fails after the run starts: PHLO still answers 201, with the failure in `message`.
      { id: SURVEY_PHLO_ID, name: 'Survey', nodes: [], runFails: 'Send SMS failed: invalid <from> number' },
    ],
  });
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const slack = options.shareWith?.slack ?? (await startFakeSlack({ teamId: TEAM }));
  slack.setUserGroup(LEADS_GROUP, [USERS.lee]);
  const phlo = options.shareWith?.phlo ?? (await startSimulator(options.extraMemberActions));
  const dir = mkdtempSync(join(tmpdir(), 'phlo-bot-e2e-'));
  const configPath = join(dir, 'phlo-bot.yml');
  writeFileSync(configPath, options.configYaml ?? CONFIG_YAML);

  const rawLogs: string[] = [];
  const logs: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() === '') continue;
        rawLogs.push(line);
        logs.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });

  const settings = loadSettings({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    PLIVO_AUTH_ID: AUTH_ID,
    PLIVO_AUTH_TOKEN: AUTH_TOKEN,
    PHLO_API_URL: phlo.url,
    PHLO_TIMEOUT_MS: String(options.phloTimeoutMs ?? 2000),
    PHLO_BOT_CONFIG: configPath,
    DATABASE_URL: options.databaseUrl ?? `sqlite:${join(dir, 'phlo-bot.db')}`,
    LOG_LEVEL: 'debug',
    HOST: '127.0.0.1',
    METRICS_PORT: '0',
    ...options.env,
  });
  const app = await startApp({ settings, logDestination: destination, slackRetries: 1,
    slackTimeoutMs: 2000,
    ...(options.dedupWindowMs === undefined ? {} : { dedupWindowMs: options.dedupWindowMs }),
    ...(options.metrics === true ? { ephemeralMetricsPort: true } : {}),
    ...(options.catalogue === undefined ? {} : { catalogue: options.catalogue }),
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.approvalSweepMs === undefined ? {} : { approvalSweepMs: options.approvalSweepMs }),
  });
  const baseUrl = `http://127.0.0.1:${app.port}`;

  const isThreadReply = (call: SlackCall): boolean => typeof call.args.thread_ts === 'string';
  return {
    app,
    slack,
    phlo,
    baseUrl,
    metricsUrl: app.metricsPort === undefined ? undefined : `http://127.0.0.1:${app.metricsPort}`,
    logs,
    rawLogs,
    command: (text, o = {}) =>
      postSigned(
        `${baseUrl}/slack/events`,
        slashCommandBody({
          text,
          userId: o.user ?? USERS.alice,
          channelId: o.channel ?? CHANNEL,
          teamId: TEAM,
          responseUrl: o.responseUrl ?? slack.responseUrl(),
        }),
        SIGNING_SECRET,
      ),
    click: (o) =>
      postSigned(
        `${baseUrl}/slack/events`,
        blockActionsBody({
          userId: o.user ?? USERS.alice,
          channelId: o.channel ?? CHANNEL,
          teamId: TEAM,
          messageTs: o.messageTs,
          ...(o.threadTs === undefined ? {} : { threadTs: o.threadTs }),
          actionId: o.actionId,
          value: o.value,
          responseUrl: slack.responseUrl(),
        }),
        SIGNING_SECRET,
      ),
    waitForReply: (predicate) =>
      slack.waitForCall('chat.postMessage', (c) => isThreadReply(c) && c.status === 200 && (predicate?.(c) ?? true)),
    waitForEphemeral: (user, predicate, timeoutMs) =>
      slack.waitForCall('chat.postEphemeral', (c) => c.args.user === user && (predicate?.(c) ?? true), timeoutMs),
    stop: async () => {
      await app.stop();
      if (options.shareWith === undefined) await Promise.all([slack.close(), phlo.close()]);
    },
  };
}

/** The text of every block of a message, joined: what a reader sees. */
export function messageText(call: SlackCall): string {
  const parts: string[] = [typeof call.args.text === 'string' ? call.args.text : ''];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      const record = node as Record<string, unknown>;
      if (typeof record.text === 'string') parts.push(record.text);
      for (const value of Object.values(record)) if (typeof value === 'object') walk(value);
    }
  };
  walk(call.args.blocks);
  return parts.join('\n');
}

/** The buttons of a message: action_id, label and decoded value. */
export function buttonsOf(call: SlackCall): { actionId: string; label: string; value: string; confirm: boolean }[] {
  const out: { actionId: string; label: string; value: string; confirm: boolean }[] = [];
  const blocks = Array.isArray(call.args.blocks) ? (call.args.blocks as Record<string, unknown>[]) : [];
  for (const block of blocks) {
    if (block.type !== 'actions' || !Array.isArray(block.elements)) continue;
    for (const element of block.elements as Record<string, unknown>[]) {
      const text = element.text as { text: string } | undefined;
      out.push({
        actionId: String(element.action_id),
        label: text?.text ?? '',
        value: String(element.value),
        confirm: element.confirm !== undefined,
      });
    }
  }
  return out;
}
