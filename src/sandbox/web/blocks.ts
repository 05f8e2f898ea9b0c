// Block Kit to DOM, the way Slack draws it: sections with fields and accessories, context lines,
// dividers, headers, action rows of buttons (primary / danger, with confirm dialogs) and selects, and
// the input blocks of a modal (plain-text inputs, static selects with option groups, radio buttons).
import { h } from './dom.js';
import { mrkdwn, type Names } from './mrkdwn.js';
import { rec, str } from './json.js';
import type { Json } from './types.js';

const EMOJI: Record<string, string> = {
  arrows_counterclockwise: '🔄',
  double_vertical_bar: '⏸️',
  gear: '⚙️',
  hourglass_flowing_sand: '⏳',
  information_source: 'ℹ️',
  no_entry: '⛔',
  page_facing_up: '📄',
  pencil2: '✏️',
  question: '❓',
  repeat: '🔁',
  telephone_receiver: '📞',
  warning: '⚠️',
  white_check_mark: '✅',
  x: '❌',
};

export function emojify(html: string): string {
  return html.replace(/:([a-z0-9_+-]+):/g, (whole, name: string) => EMOJI[name] ?? whole);
}

/** How a rendered surface reaches back to the page: clicks, and the current value of each input. */
export interface Surface {
  names: Names;
  /** A button or select in an actions block / accessory was used. */
  onAction(action: Json): void;
  /** Modal inputs: the value kept for block/action, and where to keep a new one. */
  value?(blockId: string, actionId: string): Json | undefined;
  setValue?(blockId: string, actionId: string, value: Json): void;
  errors?: Record<string, string>;
}

const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const textOf = (v: unknown): string => str(rec(v).text);

export function textHtml(obj: unknown, names: Names): string {
  const t = rec(obj);
  return emojify(mrkdwn(str(t.text), names, t.type === 'plain_text'));
}

function textEl(tag: string, obj: unknown, names: Names, cls = ''): HTMLElement {
  return h(tag, { class: cls, html: textHtml(obj, names) });
}

function button(el: Json, surface: Surface): HTMLElement {
  const style = typeof el.style === 'string' ? ` btn-${el.style}` : '';
  return h(
    'button',
    {
      class: `btn${style}`,
      type: 'button',
      'data-action-id': str(el.action_id),
      onclick: () => {
        const action = { type: 'button', action_id: el.action_id, block_id: el.block_id, text: el.text, value: el.value ?? '', ...(el.style ? { style: el.style } : {}) };
        const confirm = el.confirm === undefined ? undefined : rec(el.confirm);
        if (confirm === undefined) surface.onAction(action);
        else confirmDialog(confirm, surface.names, () => { surface.onAction(action); });
      },
    },
    textEl('span', el.text, surface.names),
  );
}

/** Slack's confirmation dialog: Cancel sends nothing, the confirm button sends the action. */
export function confirmDialog(confirm: Json, names: Names, onConfirm: () => void): void {
  const close = (): void => { overlay.remove(); };
  const danger = confirm.style === 'danger';
  const overlay = h(
    'div',
    { class: 'overlay confirm-overlay', role: 'dialog', 'aria-modal': 'true' },
    h(
      'div',
      { class: 'dialog confirm' },
      h('h2', {}, textOf(confirm.title) || 'Are you sure?'),
      textEl('div', confirm.text, names, 'confirm-text'),
      h(
        'div',
        { class: 'dialog-actions' },
        h('button', { class: 'btn', type: 'button', onclick: close }, textOf(confirm.deny) || 'Cancel'),
        h('button', { class: `btn ${danger ? 'btn-danger-solid' : 'btn-primary'}`, type: 'button', onclick: () => { close(); onConfirm(); } }, textOf(confirm.confirm) || 'Yes'),
      ),
    ),
  );
  document.body.append(overlay);
}

function optionList(el: Json): { group?: string; options: Json[] }[] {
  if (Array.isArray(el.option_groups)) return arr(el.option_groups).map((g) => ({ group: textOf(g.label), options: arr(g.options) }));
  return [{ options: arr(el.options) }];
}

/** The selected value; an initial option counts as chosen, as in the state Slack submits. */
function keepInitial(el: Json, blockId: string, actionId: string, type: string, surface: Surface): unknown {
  const kept = surface.value?.(blockId, actionId);
  if (kept === undefined && el.initial_option !== undefined) {
    const o = rec(el.initial_option);
    surface.setValue?.(blockId, actionId, { type, selected_option: { text: o.text, value: o.value } });
  }
  return rec(kept?.selected_option ?? el.initial_option).value;
}

function select(el: Json, blockId: string, surface: Surface, dispatch: boolean): HTMLElement {
  const actionId = str(el.action_id);
  const current = keepInitial(el, blockId, actionId, 'static_select', surface);
  const sel = h('select', { class: 'select', 'data-action-id': actionId, 'aria-label': textOf(el.placeholder) || actionId }) as HTMLSelectElement;
  if (current === undefined) sel.append(h('option', { value: '', disabled: true, selected: true }, textOf(el.placeholder) || 'Select an item'));
  const all: Json[] = [];
  for (const { group, options } of optionList(el)) {
    const parent = group === undefined ? sel : sel.appendChild(h('optgroup', { label: group }));
    for (const o of options) {
      all.push(o);
      parent.append(h('option', { value: String(o.value), selected: o.value === current }, textOf(o.text)));
    }
  }
  sel.addEventListener('change', () => {
    const option = all.find((o) => o.value === sel.value);
    if (option === undefined) return;
    const value = { type: 'static_select', selected_option: { text: option.text, value: option.value } };
    surface.setValue?.(blockId, actionId, value);
    if (dispatch) surface.onAction({ ...value, action_id: actionId, block_id: blockId });
  });
  return sel;
}

function radios(el: Json, blockId: string, surface: Surface): HTMLElement {
  const actionId = str(el.action_id);
  const current = keepInitial(el, blockId, actionId, 'radio_buttons', surface);
  const name = `${blockId}.${actionId}`;
  return h(
    'div',
    { class: 'radios', role: 'radiogroup' },
    arr(el.options).map((o) => {
      const input = h('input', { type: 'radio', name, value: String(o.value), checked: o.value === current }) as HTMLInputElement;
      input.addEventListener('change', () => surface.setValue?.(blockId, actionId, { type: 'radio_buttons', selected_option: { text: o.text, value: o.value } }));
      return h('label', { class: 'radio' }, input, h('span', { html: textHtml(o.text, surface.names) }), o.description ? h('small', {}, textOf(o.description)) : null);
    }),
  );
}

function textInput(el: Json, blockId: string, surface: Surface): HTMLElement {
  const actionId = str(el.action_id);
  const kept = surface.value?.(blockId, actionId);
  const value = str(kept?.value ?? el.initial_value);
  const props = { class: 'input', 'data-action-id': actionId, placeholder: textOf(el.placeholder) || undefined, 'aria-label': blockId };
  const input = (el.multiline === true ? h('textarea', { ...props, rows: 4 }) : h('input', { ...props, type: 'text' })) as HTMLInputElement;
  input.value = value;
  if (kept === undefined) surface.setValue?.(blockId, actionId, { type: 'plain_text_input', value });
  input.addEventListener('input', () => surface.setValue?.(blockId, actionId, { type: 'plain_text_input', value: input.value }));
  return input;
}

function element(el: Json, blockId: string, surface: Surface, dispatch: boolean): HTMLElement | null {
  switch (el.type) {
    case 'button':
      return button({ ...el, block_id: blockId }, surface);
    case 'static_select':
      return select(el, blockId, surface, dispatch);
    case 'radio_buttons':
      return radios(el, blockId, surface);
    case 'plain_text_input':
      return textInput(el, blockId, surface);
    case 'image':
      return h('img', { class: 'ctx-img', src: str(el.image_url), alt: str(el.alt_text) });
    default:
      return h('span', { class: 'unsupported' }, `[${String(el.type)}]`);
  }
}

function block(b: Json, surface: Surface): HTMLElement | null {
  const blockId = str(b.block_id);
  const names = surface.names;
  switch (b.type) {
    case 'section': {
      const body = h('div', { class: 'section-body' });
      if (b.text !== undefined) body.append(textEl('div', b.text, names, 'mrkdwn'));
      if (Array.isArray(b.fields)) body.append(h('div', { class: 'fields' }, arr(b.fields).map((f) => textEl('div', f, names, 'field mrkdwn'))));
      const accessory = b.accessory === undefined ? null : element(rec(b.accessory), blockId, surface, true);
      return h('div', { class: 'block section', 'data-block-id': blockId }, body, accessory && h('div', { class: 'accessory' }, accessory));
    }
    case 'context':
      return h('div', { class: 'block context', 'data-block-id': blockId }, arr(b.elements).map((e) => (e.type === 'image' ? element(e, blockId, surface, false) : textEl('span', e, names))));
    case 'divider':
      return h('hr', { class: 'block divider' });
    case 'header':
      return textEl('h3', b.text, names, 'block header');
    case 'actions':
      return h('div', { class: 'block actions', 'data-block-id': blockId }, arr(b.elements).map((e) => element(e, blockId, surface, true)));
    case 'input': {
      const el = rec(b.element);
      const error = surface.errors?.[blockId];
      return h(
        'div',
        { class: `block input-block${error ? ' has-error' : ''}`, 'data-block-id': blockId },
        h('label', { class: 'input-label' }, textOf(b.label), b.optional === true ? h('span', { class: 'optional' }, ' (optional)') : null),
        element(el, blockId, surface, b.dispatch_action === true),
        b.hint === undefined ? null : h('div', { class: 'hint' }, textOf(b.hint)),
        error === undefined ? null : h('div', { class: 'input-error', role: 'alert' }, error),
      );
    }
    case 'image':
      return h('img', { class: 'block image', src: str(b.image_url), alt: str(b.alt_text) });
    default:
      return h('div', { class: 'block unsupported' }, `[${String(b.type)} block]`);
  }
}

export function renderBlocks(blocks: Json[], surface: Surface): HTMLElement {
  return h('div', { class: 'blocks' }, blocks.map((b) => block(b, surface)));
}
