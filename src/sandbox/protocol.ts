// The shapes the sandbox's server sends its page, shared by both sides (type-only, so the page's
// bundle gets none of the server's code).

/** A person of the pretend workspace, with what their role lets them do. */
export interface WorkspaceUser {
  id: string;
  name: string;
  realName: string;
  role: string;
  address: string | undefined;
  permissions: string[];
}

/** One multiparty call node as the PHLO simulator holds it. */
export interface CallNode {
  phlo: string;
  node: string;
  name: string;
  members: { address: string; role: string; held: boolean; state: string }[];
  transfer: { initiator: string; recipient: string } | undefined;
}

/** One input of a workflow step, as manifest.yml declares it and Workflow Builder shows it. */
export interface StepInput {
  name: string;
  /** The manifest's type, e.g. `string` or `slack#/types/user_id`. */
  type: string;
  /** How the panel asks for it: a person, a channel, one of the choices, or text. */
  kind: 'user' | 'channel' | 'choice' | 'text';
  title: string;
  description: string | undefined;
  hint: string | undefined;
  required: boolean;
  choices: { value: string; title: string }[];
}

/** A workflow step ("function") the manifest declares. */
export interface WorkflowStep {
  callbackId: string;
  title: string;
  description: string | undefined;
  inputs: StepInput[];
  outputs: { name: string; title: string }[];
}

/** One run of a step started from the panel, as the Slack stand-in holds it. */
export interface StepRun {
  id: string;
  callbackId: string;
  inputs: Record<string, unknown>;
  state: 'running' | 'completed' | 'failed';
  outputs: Record<string, unknown> | undefined;
  error: string | undefined;
  startedAt: number;
}
