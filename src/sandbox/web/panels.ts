// The side panel: each simulated multiparty call, live (members with role, held, hung up, a pending
// transfer and who started it), the faults a trainer can inject, what the sandbox runs on, and what the
// chosen user may do.
import { h } from './dom.js';
import type { Snapshot, User } from './types.js';

export function callsPanel(snap: Snapshot, onFault: (kind: string) => void): HTMLElement {
  const calls = snap.calls;
  const nodes =
    calls === undefined
      ? [h('p', { class: 'muted' }, 'PHLO credentials are set: actions go to the real PHLO API, not the simulator.')]
      : calls.map((c) =>
          h(
            'div',
            { class: 'call-node', 'data-node': `${c.phlo}/${c.node}` },
            h('div', { class: 'call-node-name' }, c.name),
            c.members.length === 0
              ? h('div', { class: 'muted small' }, 'No call yet')
              : h(
                  'ul',
                  { class: 'members' },
                  c.members.map((m) =>
                    h(
                      'li',
                      { class: `member state-${m.state}${m.held ? ' held' : ''}`, 'data-address': m.address },
                      h('code', {}, m.address),
                      h('span', { class: 'pill' }, m.role),
                      m.state === 'connected'
                        ? h('span', { class: `pill ${m.held ? 'pill-held' : 'pill-live'}` }, m.held ? 'held' : 'on the call')
                        : h('span', { class: 'pill pill-gone' }, m.state === 'voicemail' ? 'voicemail' : 'hung up'),
                    ),
                  ),
                ),
            c.transfer === undefined
              ? null
              : h('div', { class: 'transfer' }, '🔄 Transfer to ', h('code', {}, c.transfer.recipient), ' pending, started by ', h('code', {}, c.transfer.initiator)),
          ),
        );
  return h(
    'div',
    { class: 'panel-inner' },
    h('h2', {}, calls === undefined ? 'PHLO' : 'PHLO simulator'),
    ...nodes,
    calls === undefined
      ? null
      : h(
          'div',
          { class: 'faults' },
          h('h3', {}, 'Fail the next PHLO request'),
          h(
            'div',
            { class: 'fault-buttons' },
            h('button', { class: 'btn small', type: 'button', onclick: () => { onFault('404'); } }, 'PHLO 404'),
            h('button', { class: 'btn small', type: 'button', onclick: () => { onFault('500'); } }, 'PHLO 500'),
            h('button', { class: 'btn small', type: 'button', onclick: () => { onFault('slow'); } }, 'Too slow'),
          ),
          snap.pendingFault === undefined ? null : h('div', { class: 'pending-fault', role: 'status' }, `Next PHLO request: ${snap.pendingFault === 'slow' ? 'no answer before the timeout' : `PHLO ${snap.pendingFault}`}`),
        ),
  );
}

/** What this sandbox runs on, and its reset. */
export function aboutPanel(snap: Snapshot, onReset: () => void): HTMLElement {
  return h(
    'div',
    { class: 'panel-inner' },
    h(
      'div',
      { class: 'about' },
      h('h3', {}, 'This sandbox'),
      h('p', { class: 'small' }, snap.info.demo ? `Demo configuration (no ${snap.info.configFile} found).` : `Configuration: ${snap.info.configFile}.`),
      h('p', { class: 'small' }, `History: ${snap.info.database}. Reset keeps it.`),
      h('button', { class: 'btn small', type: 'button', onclick: onReset }, 'Reset the sandbox'),
      h('p', { class: 'small muted' }, 'Reset empties messages, modals, Home tabs, simulated calls and step runs.'),
    ),
  );
}

export function userSwitcher(users: User[], current: string, onSwitch: (id: string) => void): HTMLElement {
  const select = h(
    'select',
    { class: 'user-select', 'aria-label': 'Act as' },
    users.map((u) => h('option', { value: u.id, selected: u.id === current }, `${u.realName} · ${u.role}`)),
  ) as HTMLSelectElement;
  select.addEventListener('change', () => { onSwitch(select.value); });
  const me = users.find((u) => u.id === current);
  return h(
    'div',
    { class: 'switcher' },
    h('label', { class: 'small muted' }, 'Acting as'),
    select,
    me === undefined ? null : h('div', { class: 'role-card small', title: me.permissions.join(', ') }, h('b', {}, me.role), ': ', me.permissions.length === 0 ? 'nothing' : me.permissions.join(', ')),
  );
}
