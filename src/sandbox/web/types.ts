// The JSON the sandbox serves at /sandbox/api/state (see ../snapshot.ts), as the page reads it.
import type { CallNode, StepRun, WorkflowStep, WorkspaceUser } from '../protocol.js';

export type Json = Record<string, unknown>;

export type { CallNode, StepInput, StepRun, WorkflowStep } from '../protocol.js';
export type User = WorkspaceUser;

export interface Channel {
  id: string;
  name: string;
  defaults: string | undefined;
}

export interface Message {
  channel: string;
  ts: string;
  thread_ts?: string;
  text?: string;
  blocks?: Json[];
  edited?: boolean;
  files?: { id: string; name: string; title: string }[];
  user?: string;
  /** Set on messages only the viewer sees. */
  ephemeral?: boolean;
}

export interface Snapshot {
  version: number;
  workspace: { teamId: string; teamName: string; users: User[]; channels: Channel[] };
  info: { configFile: string; demo: boolean; database: string; phlo: 'simulator' | 'real' };
  bot: { id: string; name: string };
  messages: Message[];
  ephemerals: Message[];
  modals: Json[];
  home: Json | undefined;
  calls: CallNode[] | undefined;
  pendingFault: string | undefined;
  steps: WorkflowStep[];
  runs: StepRun[];
}
