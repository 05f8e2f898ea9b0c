// The sandbox page: a Slack-like workspace (channels, messages, threads, modals, the App Home tab) in
// front of the real app, with the PHLO simulator and the Workflows panel beside it. Server-Sent Events say when something changed; the page then refetches the
// state for the user it acts as and redraws the regions that show it.
import './style.css';
import { renderBlocks } from './blocks.js';
import { composer } from './composer.js';
import { h, replace } from './dom.js';
import { messageEl, type MessageHandlers } from './messages.js';
import { ModalHost } from './modal.js';
import type { Names } from './mrkdwn.js';
import { aboutPanel, callsPanel, userSwitcher } from './panels.js';
import type { Json, Message, Snapshot } from './types.js';
import { WorkflowsPanel } from './workflows.js';

const API = '/sandbox/api';
type Place = { kind: 'channel'; id: string } | { kind: 'home' };

let snap: Snapshot | undefined;
let user = new URLSearchParams(location.search).get('user') ?? '';
let place: Place | undefined;
let thread: string | undefined;
let notice = '';
let shownReplies = 0;

async function post(path: string, body: unknown): Promise<Json> {
  const res = await fetch(`${API}/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = (await res.json()) as Json;
  if (!res.ok) throw new Error(typeof answer.error === 'string' ? answer.error : String(res.status));
  return answer;
}

const names: Names = {
  user: (id) => snap?.workspace.users.find((u) => u.id === id)?.realName ?? (id === snap?.bot.id ? 'phlo-bot' : id),
  channel: (id) => snap?.workspace.channels.find((c) => c.id === id)?.name ?? id,
};

const root = document.getElementById('app') as HTMLElement;
const sidebar = h('nav', { class: 'sidebar', 'aria-label': 'Channels' });
const header = h('header', { class: 'channel-header' });
const list = h('div', { class: 'message-list', role: 'log', 'aria-label': 'Messages' });
const threadPane = h('section', { class: 'thread-pane', 'aria-label': 'Thread', hidden: true });
const callsHost = h('div', { class: 'calls-host' });
const aboutHost = h('div', { class: 'about-host' });
// Kept in the page across redraws (never replaced), so a half-filled step form keeps its values and focus.
const workflows = new WorkflowsPanel({
  names,
  run: async (callbackId, inputs) => { await post('step', { callbackId, inputs }); },
  openThread: (channel, threadTs) => {
    place = { kind: 'channel', id: channel };
    thread = threadTs;
    render();
  },
});
const panel = h('aside', { class: 'sim-panel', 'aria-label': 'PHLO simulator' }, callsHost, workflows.el, aboutHost);
const modalRoot = h('div', { class: 'modal-root' });
const status = h('div', { class: 'status-line', role: 'status' });
const channelName = (): string => (place?.kind === 'channel' ? names.channel(place.id) : 'phlo-bot');
const mainComposer = composer(() => `Message #${channelName()}`, async (text) => {
  if (place?.kind !== 'channel') return;
  await send(place.id, text, undefined);
});
const threadComposer = composer(() => 'Reply…', async (text) => {
  if (place?.kind !== 'channel' || thread === undefined) return;
  await send(place.id, text, thread);
});
const main = h('main', { class: 'channel' }, header, list, status, mainComposer);
root.replaceChildren(h('div', { class: 'workspace' }, sidebar, main, threadPane, panel), modalRoot);

async function send(channel: string, text: string, threadTs: string | undefined): Promise<void> {
  try {
    if (text.startsWith('/')) await post('command', { user, channel, text });
    else await post('message', { user, channel, text, ...(threadTs === undefined ? {} : { threadTs }) });
    notice = '';
  } catch (error) {
    notice = `Could not send: ${error instanceof Error ? error.message : String(error)}`;
  }
  render();
}

const handlers: MessageHandlers = {
  names,
  onAction: (m, action) => {
    void post('action', { user, channel: m.channel, messageTs: m.ts, ephemeral: m.ephemeral === true, action }).catch(showError);
  },
  onOpenThread: (m) => {
    thread = m.ts;
    render();
  },
};

const modals = new ModalHost(modalRoot, {
  names,
  submit: async (viewId, values) => {
    const answer = await post('submit', { user, viewId, values });
    return answer.errors === undefined ? undefined : (answer.errors as Record<string, string>);
  },
  close: (viewId) => void post('close', { user, viewId }).catch(showError),
  action: (viewId, values, action) => void post('action', { user, viewId, values, action }).catch(showError),
});

function showError(error: unknown): void {
  notice = error instanceof Error ? error.message : String(error);
  render();
}

function channelMessages(s: Snapshot, channel: string): { top: Message[]; replies: Map<string, Message[]> } {
  // An ephemeral's `user` is whom it is for; the app wrote it.
  const all = [...s.messages, ...s.ephemerals.map((e) => ({ ...e, user: undefined, ephemeral: true }))].filter((m) => m.channel === channel);
  all.sort((a, b) => Number(a.ts) - Number(b.ts));
  const replies = new Map<string, Message[]>();
  const top: Message[] = [];
  for (const m of all) {
    if (m.thread_ts !== undefined && m.thread_ts !== m.ts) replies.set(m.thread_ts, [...(replies.get(m.thread_ts) ?? []), m]);
    else top.push(m);
  }
  return { top, replies };
}

function renderSidebar(s: Snapshot): void {
  const item = (label: string, active: boolean, onclick: () => void, extra = ''): HTMLElement =>
    h('button', { class: `side-item${active ? ' active' : ''}${extra}`, type: 'button', onclick }, label);
  const dms = [...new Set(s.messages.filter((m) => m.channel.startsWith('D')).map((m) => m.channel))];
  replace(
    sidebar,
    h('div', { class: 'team' }, h('b', {}, s.workspace.teamName), h('span', { class: 'small' }, 'Nothing here reaches Slack')),
    userSwitcher(s.workspace.users, user, (id) => {
      user = id;
      history.replaceState(null, '', `?user=${id}`);
      void refresh();
    }),
    h('div', { class: 'side-title' }, 'Apps'),
    item('☎ phlo-bot · Home', place?.kind === 'home', () => { openHome(); }),
    h('div', { class: 'side-title' }, 'Channels'),
    s.workspace.channels.map((c) => item(`# ${c.name}`, place?.kind === 'channel' && place.id === c.id, () => { go({ kind: 'channel', id: c.id }); })),
    dms.length === 0 ? null : h('div', { class: 'side-title' }, 'Direct messages'),
    dms.map((d) => item('☎ phlo-bot', place?.kind === 'channel' && place.id === d, () => { go({ kind: 'channel', id: d }); })),
  );
}

function go(next: Place): void {
  place = next;
  thread = undefined;
  render();
}

function openHome(): void {
  go({ kind: 'home' });
  void post('home', { user }).catch(showError);
}

function renderChannel(s: Snapshot, channel: string): void {
  const info = s.workspace.channels.find((c) => c.id === channel);
  replace(header, h('h1', {}, channel.startsWith('D') ? '☎ phlo-bot' : `# ${names.channel(channel)}`), info?.defaults === undefined ? null : h('span', { class: 'muted small' }, `Calls here default to ${info.defaults}`));
  const { top, replies } = channelMessages(s, channel);
  const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  replace(
    list,
    top.length === 0 ? h('div', { class: 'empty' }, h('h2', {}, `This is the very beginning of #${names.channel(channel)}`), h('p', {}, 'Type /phlo help to see what phlo-bot can do, or /phlo transfer warm +14155551234.')) : null,
    top.map((m) => messageEl(m, s, handlers, replies.get(m.ts) ?? [])),
  );
  if (nearBottom) list.scrollTop = list.scrollHeight;
  const parent = thread === undefined ? undefined : top.find((m) => m.ts === thread);
  threadPane.hidden = parent === undefined;
  main.classList.toggle('with-thread', parent !== undefined);
  if (parent !== undefined) {
    const threadReplies = replies.get(parent.ts) ?? [];
    const old = threadPane.querySelector('.thread-list');
    const follow = old === null || old.scrollHeight - old.scrollTop - old.clientHeight < 80 || threadReplies.length !== shownReplies;
    shownReplies = threadReplies.length;
    replace(
      threadPane,
      h('div', { class: 'thread-head' }, h('h2', {}, 'Thread'), h('span', { class: 'muted small' }, `# ${names.channel(channel)}`), h('button', { class: 'icon-btn', type: 'button', 'aria-label': 'Close thread', onclick: () => { thread = undefined; render(); } }, '✕')),
      h('div', { class: 'thread-list' }, messageEl(parent, s, handlers), h('div', { class: 'reply-count muted small' }, `${threadReplies.length} ${threadReplies.length === 1 ? 'reply' : 'replies'}`), threadReplies.map((m) => messageEl(m, s, handlers))),
      threadComposer,
    );
    const fresh = threadPane.querySelector('.thread-list');
    if (follow && fresh !== null) fresh.scrollTop = fresh.scrollHeight;
  }
}

function renderHome(s: Snapshot): void {
  replace(header, h('h1', {}, '☎ phlo-bot'), h('div', { class: 'tabs' }, h('span', { class: 'tab active' }, 'Home'), h('span', { class: 'tab' }, 'Messages'), h('span', { class: 'tab' }, 'About')));
  threadPane.hidden = true;
  main.classList.remove('with-thread');
  const home = s.home;
  const blocks = Array.isArray(home?.blocks) ? (home.blocks as Json[]) : undefined;
  // A click on the Home tab is a block_actions from the Home view, as Slack sends it (no channel, no message).
  const onAction = (action: Json): void => {
    if (typeof home?.id === 'string') void post('action', { user, viewId: home.id, values: {}, action }).catch(showError);
  };
  replace(list, blocks === undefined ? h('div', { class: 'empty' }, 'Opening the Home tab…') : h('div', { class: 'home' }, renderBlocks(blocks, { names, onAction })));
}

function render(): void {
  const s = snap;
  if (s === undefined) return;
  renderSidebar(s);
  main.classList.toggle('is-home', place?.kind === 'home');
  mainComposer.hidden = place?.kind === 'home';
  (mainComposer as HTMLElement & { refreshPlaceholder(): void }).refreshPlaceholder();
  if (place?.kind === 'home') renderHome(s);
  else if (place !== undefined) renderChannel(s, place.id);
  status.textContent = notice;
  replace(callsHost, callsPanel(s, (kind) => void post('fault', { kind }).catch(showError)));
  workflows.update(s, { user, channel: place?.kind === 'channel' ? place.id : (s.workspace.channels[0]?.id ?? '') });
  replace(aboutHost, aboutPanel(s, () => {
    if (confirm('Reset the sandbox? Messages, modals, simulated calls and step runs are emptied; history stays.')) void post('reset', {}).catch(showError);
  }));
  modals.render(s.modals[s.modals.length - 1]);
}

let fetching = false;
let again = false;
async function refresh(): Promise<void> {
  if (fetching) {
    again = true;
    return;
  }
  fetching = true;
  try {
    const res = await fetch(`${API}/state?user=${encodeURIComponent(user)}`);
    snap = (await res.json()) as Snapshot;
    if (user === '') user = snap.workspace.users[0]?.id ?? '';
    const first = snap.workspace.channels[0];
    if (place === undefined && first !== undefined) place = { kind: 'channel', id: first.id };
    render();
  } finally {
    fetching = false;
    if (again) {
      again = false;
      void refresh();
    }
  }
}

new EventSource(`${API}/events`).onmessage = () => void refresh();
void refresh();
