// What the Slack stand-in remembers between calls: messages, ephemeral messages, views (modal stacks per
// user and Home tabs), uploads, user groups and DMs. Listeners hear about every change, so the sandbox
// page can refresh when the app posts something.
import { randomBytes } from 'node:crypto';
import type { Json } from './httpBody.js';
import type { FunctionExecution, RecordedUpload, StoredEphemeral, StoredMessage } from './types.js';

export class SlackStore {
  readonly messages = new Map<string, StoredMessage>();
  readonly ephemerals: StoredEphemeral[] = [];
  readonly views = new Map<string, Json>();
  readonly externalIds = new Map<string, string>();
  readonly homeViews = new Map<string, Json>();
  /** Open modals per user, bottom first: views.open starts a stack, views.push adds to it. */
  readonly modalStacks = new Map<string, string[]>();
  /** Trigger ids issued for a user (issueTrigger), so a modal opened with one belongs to that user. */
  readonly triggerUsers = new Map<string, string>();
  readonly usedTriggers = new Set<string>();
  readonly dmChannels = new Map<string, string>();
  readonly uploads = new Map<string, RecordedUpload>();
  readonly uploadList: RecordedUpload[] = [];
  readonly userGroups = new Map<string, string[]>();
  /** Workflow step runs by execution id, newest last. */
  readonly functionExecutions = new Map<string, FunctionExecution>();
  private readonly listeners = new Set<() => void>();
  private seq = 0;
  private lastMicros = 0;

  nextId(prefix: string): string {
    this.seq += 1;
    return `${prefix}0FAKE${String(this.seq).padStart(6, '0')}`;
  }

  /** Unique, increasing and close to now, like Slack's `seconds.micros` message timestamps. */
  nextTs(): string {
    const micros = Math.max(Date.now() * 1000, this.lastMicros + 100);
    this.lastMicros = micros;
    return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
  }

  newHash(): string {
    return `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString('hex')}`;
  }

  static key(channel: string, ts: string): string {
    return `${channel}/${ts}`;
  }

  message(channel: string, ts: string): StoredMessage | undefined {
    return this.messages.get(SlackStore.key(channel, ts));
  }

  putMessage(m: StoredMessage): void {
    this.messages.set(SlackStore.key(m.channel, m.ts), m);
    this.changed();
  }

  addEphemeral(e: StoredEphemeral): void {
    this.ephemerals.push(e);
    this.changed();
  }

  putView(view: Json): void {
    const id = String(view.id);
    this.views.set(id, view);
    const externalId = view.external_id;
    if (typeof externalId === 'string' && externalId !== '') this.externalIds.set(externalId, id);
    this.changed();
  }

  view(idOrExternalId: string): Json | undefined {
    return this.views.get(idOrExternalId) ?? this.views.get(this.externalIds.get(idOrExternalId) ?? '');
  }

  /** The user's open modals, bottom first. */
  modals(userId: string): Json[] {
    return (this.modalStacks.get(userId) ?? []).flatMap((id) => {
      const view = this.views.get(id);
      return view === undefined ? [] : [view];
    });
  }

  openModal(userId: string, viewId: string, push: boolean): void {
    const stack = push ? (this.modalStacks.get(userId) ?? []) : [];
    stack.push(viewId);
    this.modalStacks.set(userId, stack);
    this.changed();
  }

  /** Closes the top modal, or every modal with `all` (response_action "clear"). */
  closeModal(userId: string, all = false): void {
    const stack = this.modalStacks.get(userId) ?? [];
    if (all) stack.length = 0;
    else stack.pop();
    this.changed();
  }

  putFunctionExecution(execution: FunctionExecution): void {
    this.functionExecutions.set(execution.id, execution);
    this.changed();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(): void {
    for (const listener of this.listeners) listener();
  }

  /** Forgets everything a conversation left behind; user groups and DM ids are configuration and stay. */
  clear(): void {
    this.messages.clear();
    this.ephemerals.length = 0;
    this.views.clear();
    this.externalIds.clear();
    this.homeViews.clear();
    this.modalStacks.clear();
    this.triggerUsers.clear();
    this.usedTriggers.clear();
    this.uploads.clear();
    this.uploadList.length = 0;
    this.functionExecutions.clear();
    this.changed();
  }
}
