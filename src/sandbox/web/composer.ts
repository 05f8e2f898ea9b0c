// The message box: Enter sends, `/phlo …` goes to the app as a slash command, and while a command is
// typed the matching usage lines show above the box (from the same text /phlo help uses).
import { USAGE } from '../../language/usage.js';
import { h } from './dom.js';

export function composer(placeholder: () => string, onSend: (text: string) => Promise<void>): HTMLElement {
  const hints = h('div', { class: 'hints', role: 'listbox', hidden: true });
  const box = h('textarea', { class: 'composer-input', rows: 1, 'aria-label': 'Message', placeholder: placeholder() }) as HTMLTextAreaElement;
  const showHints = (): void => {
    const text = box.value;
    if (!text.startsWith('/')) {
      hints.hidden = true;
      return;
    }
    const tokens = text.slice(1).split(/\s+/);
    const command = tokens[0] ?? '';
    const verb = tokens[1] ?? '';
    const typingVerb = tokens.length <= 2;
    const shown = !'phlo'.startsWith(command)
      ? []
      : Object.entries(USAGE).filter(([name]) => (typingVerb ? name.startsWith(verb) : name === verb));
    hints.replaceChildren(
      h('div', { class: 'hints-title' }, 'phlo-bot · /phlo'),
      ...shown.slice(0, 14).map(([, usage]) =>
        h('div', { class: 'hint-row', role: 'option' }, h('code', {}, usage.synopsis), typingVerb ? null : h('div', { class: 'muted small' }, usage.summary.replace(/`/g, ''))),
      ),
    );
    hints.hidden = shown.length === 0;
  };
  const send = async (): Promise<void> => {
    const text = box.value.trim();
    if (text === '') return;
    box.value = '';
    hints.hidden = true;
    await onSend(text);
  };
  box.addEventListener('input', showHints);
  box.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      void send();
    }
    if (event.key === 'Escape') hints.hidden = true;
  });
  const el = h('div', { class: 'composer' }, hints, h('div', { class: 'composer-box' }, box, h('button', { class: 'send', type: 'button', 'aria-label': 'Send', onclick: () => void send() }, '➤')));
  return Object.assign(el, { refreshPlaceholder: () => (box.placeholder = placeholder()) });
}
