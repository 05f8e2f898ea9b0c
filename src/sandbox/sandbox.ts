// The sandbox's own state around the stand-ins: a version that moves whenever something the page shows
// changes (a Slack call, a simulated call), pushed to the page over Server-Sent Events.
import type { ServerResponse } from 'node:http';
import type { Config } from '../config/index.js';
import type { PhloSimulator } from '../plivo/simulator/index.js';
import { callNodes, injectFault, type FaultKind } from './calls.js';
import type { SlackStandIn } from './slack/index.js';
import type { WorkflowStep } from './protocol.js';
import { snapshot, type SandboxInfo, type Snapshot } from './snapshot.js';
import type { Workspace } from './workspace.js';

// The simulator announces nothing; the panel compares its state this often while a page listens.
const CALL_POLL_MS = 300;

export class Sandbox {
  private version = 0;
  private readonly clients = new Set<ServerResponse>();
  private lastCalls = '';
  private timer: NodeJS.Timeout | undefined;
  private fault: { kind: FaultKind; requestsBefore: number } | undefined;

  constructor(
    private readonly slack: SlackStandIn,
    private readonly phlo: PhloSimulator | undefined,
    private readonly config: Config,
    readonly workspace: Workspace,
    readonly info: SandboxInfo,
    /** The workflow steps manifest.yml declares, read once at start. */
    readonly steps: WorkflowStep[],
  ) {
    slack.store.onChange(() => { this.bump(); });
  }

  snapshot(user: string | undefined): Snapshot {
    return snapshot({
      version: this.version,
      user: user ?? this.workspace.users[0]?.id ?? '',
      slack: this.slack,
      workspace: this.workspace,
      info: this.info,
      calls: this.phlo === undefined ? undefined : callNodes(this.config, this.phlo),
      pendingFault: this.pendingFault(),
      steps: this.steps,
    });
  }

  /** A person's own message in a channel or thread (no app is involved, as in Slack). */
  userMessage(user: string, channel: string, text: string, threadTs: string | undefined): void {
    const store = this.slack.store;
    store.putMessage({ channel, ts: store.nextTs(), text, user, updates: 0, deleted: false, ...(threadTs ? { thread_ts: threadTs } : {}) });
  }

  injectFault(kind: FaultKind): boolean {
    if (this.phlo === undefined) return false;
    injectFault(this.phlo, kind);
    this.fault = { kind, requestsBefore: this.phlo.requests.length };
    this.bump();
    return true;
  }

  /** Empties the sandbox's own state: messages, views, Home tabs, simulated calls and faults. */
  reset(): void {
    this.phlo?.reset();
    this.fault = undefined;
    this.slack.reset();
    this.bump();
  }

  subscribe(res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(`data: ${this.version}\n\n`);
    this.clients.add(res);
    res.on('close', () => {
      this.clients.delete(res);
      if (this.clients.size === 0) this.stopPolling();
    });
    this.timer ??= setInterval(() => { this.pollCalls(); }, CALL_POLL_MS);
    this.timer.unref();
  }

  close(): void {
    this.stopPolling();
    for (const client of this.clients) client.end();
    this.clients.clear();
  }

  private pendingFault(): string | undefined {
    if (this.fault === undefined || this.phlo === undefined) return undefined;
    if (this.phlo.requests.length > this.fault.requestsBefore) this.fault = undefined;
    return this.fault?.kind;
  }

  private pollCalls(): void {
    if (this.phlo === undefined) return;
    const now = JSON.stringify([callNodes(this.config, this.phlo), this.pendingFault()]);
    if (now !== this.lastCalls) {
      this.lastCalls = now;
      this.bump();
    }
  }

  private stopPolling(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  private bump(): void {
    this.version += 1;
    for (const client of this.clients) client.write(`data: ${this.version}\n\n`);
  }
}
