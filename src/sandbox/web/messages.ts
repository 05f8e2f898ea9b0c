// Messages as Slack lists them: avatar, name with an APP tag for the bot, time, body (blocks or text),
// "(edited)", a reply count under a thread's parent, and "Only visible to you" on ephemeral ones.
import { emojify, renderBlocks } from './blocks.js';
import { h } from './dom.js';
import { mrkdwn, type Names } from './mrkdwn.js';
import type { Json, Message, Snapshot } from './types.js';

export interface MessageHandlers {
  names: Names;
  onAction(message: Message, action: Json): void;
  onOpenThread(message: Message): void;
}

function time(ts: string): string {
  return new Date(Number(ts) * 1000).toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' });
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .map((w) => w[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
}

export function messageEl(m: Message, snap: Snapshot, handlers: MessageHandlers, replies: Message[] = []): HTMLElement {
  const person = m.user === undefined ? undefined : snap.workspace.users.find((u) => u.id === m.user);
  const name = person?.realName ?? snap.bot.name;
  const body =
    Array.isArray(m.blocks) && m.blocks.length > 0
      ? renderBlocks(m.blocks, { names: handlers.names, onAction: (action) => { handlers.onAction(m, action); } })
      : h('div', { class: 'mrkdwn', html: emojify(mrkdwn(m.text ?? '', handlers.names)) });
  const files = (m.files ?? []).map((f) =>
    h('div', { class: 'file' }, h('span', { class: 'file-icon' }, '📄'), h('div', {}, h('b', {}, f.title), h('div', { class: 'muted' }, f.name))),
  );
  const lastReply = replies[replies.length - 1];
  return h(
    'div',
    { class: `message${m.ephemeral ? ' ephemeral' : ''}`, 'data-ts': m.ts },
    h('div', { class: `avatar ${person === undefined ? 'bot' : 'person'}` }, person === undefined ? '☎' : initials(name)),
    h(
      'div',
      { class: 'message-main' },
      h(
        'div',
        { class: 'message-head' },
        h('span', { class: 'author' }, name),
        person === undefined ? h('span', { class: 'app-tag' }, 'APP') : null,
        h('span', { class: 'time' }, time(m.ts)),
      ),
      body,
      files,
      m.edited === true ? h('span', { class: 'edited' }, '(edited)') : null,
      m.ephemeral === true ? h('div', { class: 'only-you' }, '👁 Only visible to you') : null,
      replies.length > 0 && lastReply !== undefined
        ? h(
            'button',
            { class: 'thread-link', type: 'button', onclick: () => { handlers.onOpenThread(m); } },
            h('span', { class: 'avatar mini bot' }, '☎'),
            h('b', {}, `${replies.length} ${replies.length === 1 ? 'reply' : 'replies'}`),
            h('span', { class: 'muted' }, ` Last reply today at ${time(lastReply.ts)}`),
          )
        : null,
    ),
  );
}
