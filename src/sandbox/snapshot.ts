// What the page shows for one user, in one JSON answer: the workspace, every channel message, that
// user's ephemeral messages, open modals and Home tab, the simulated calls, and the workflow steps with
// their latest runs.
import type { CallNode } from './calls.js';
import type { StepRun, WorkflowStep } from './protocol.js';
import type { SlackStandIn } from './slack/index.js';
import type { Workspace } from './workspace.js';

export interface SandboxInfo {
  configFile: string;
  demo: boolean;
  database: string;
  phlo: 'simulator' | 'real';
}

export interface Snapshot {
  version: number;
  workspace: Workspace;
  info: SandboxInfo;
  bot: { id: string; name: string };
  messages: unknown[];
  ephemerals: unknown[];
  modals: unknown[];
  home: unknown;
  calls: CallNode[] | undefined;
  pendingFault: string | undefined;
  steps: WorkflowStep[];
  runs: StepRun[];
}

/** The panel lists this many runs, newest first. */
const RUNS_SHOWN = 8;

export function snapshot(input: {
  version: number;
  user: string;
  slack: SlackStandIn;
  workspace: Workspace;
  info: SandboxInfo;
  calls: CallNode[] | undefined;
  pendingFault: string | undefined;
  steps: WorkflowStep[];
}): Snapshot {
  const { store } = input.slack;
  const messages = [...store.messages.values()]
    .filter((m) => !m.deleted)
    .sort((a, b) => Number(a.ts) - Number(b.ts))
    .map((m) => ({
      channel: m.channel,
      ts: m.ts,
      thread_ts: m.thread_ts,
      text: m.text,
      blocks: m.blocks,
      edited: m.updates > 0,
      files: m.files,
      user: m.user,
    }));
  return {
    version: input.version,
    workspace: input.workspace,
    info: input.info,
    bot: { id: input.slack.botUserId, name: 'phlo-bot' },
    messages,
    ephemerals: store.ephemerals.filter((e) => e.user === input.user),
    modals: store.modals(input.user),
    home: store.homeViews.get(input.user),
    calls: input.calls,
    pendingFault: input.pendingFault,
    steps: input.steps,
    // The store keeps executions in the order they started; a completion does not move one.
    runs: [...store.functionExecutions.values()]
      .reverse()
      .slice(0, RUNS_SHOWN)
      .map((e) => ({ id: e.id, callbackId: e.callbackId, inputs: e.inputs, state: e.state, outputs: e.outputs, error: e.error, startedAt: e.startedAt })),
  };
}
