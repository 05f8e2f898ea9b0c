// The open modal, drawn from the stand-in's view: title, blocks with the values typed so far, inline
// errors from `response_action: "errors"`, and Close / Submit. A views.update while open redraws it,
// keeping what the user typed in fields that are still there, as Slack does.
import { renderBlocks } from './blocks.js';
import { h } from './dom.js';
import { rec, str } from './json.js';
import type { Names } from './mrkdwn.js';
import type { Json } from './types.js';

type Values = Record<string, Record<string, Json>>;

export interface ModalHandlers {
  names: Names;
  submit(viewId: string, values: Values): Promise<Record<string, string> | undefined>;
  close(viewId: string): void;
  action(viewId: string, values: Values, action: Json): void;
}

export class ModalHost {
  private readonly values = new Map<string, Values>();
  private errors: Record<string, string> = {};
  private shown = '';
  /** id:hash of the view on screen: a new view or a views.update starts without errors. */
  private viewKey = '';

  constructor(
    private readonly root: HTMLElement,
    private readonly handlers: ModalHandlers,
  ) {}

  /** Shows the top view of the stack, or nothing; redraws only when the view or its errors changed. */
  render(view: Json | undefined): void {
    const viewKey = view === undefined ? '' : `${String(view.id)}:${String(view.hash)}`;
    if (viewKey !== this.viewKey) this.errors = {};
    this.viewKey = viewKey;
    const key = `${viewKey}:${JSON.stringify(this.errors)}`;
    if (key === this.shown) return;
    this.shown = key;
    if (view === undefined) {
      this.root.replaceChildren();
      return;
    }
    const viewId = String(view.id);
    const blocks = Array.isArray(view.blocks) ? (view.blocks as Json[]) : [];
    // Keep the values of fields still on the view, dropping the rest.
    const kept = Object.entries(this.values.get(viewId) ?? {}).filter(([blockId]) => blocks.some((b) => b.block_id === blockId));
    const values: Values = Object.fromEntries(kept);
    this.values.set(viewId, values);
    const title = str(rec(view.title).text);
    const submitText = rec(view.submit).text;
    const closeText = str(rec(view.close).text ?? (submitText === undefined ? 'Close' : 'Cancel'));
    const body = renderBlocks(blocks, {
      names: this.handlers.names,
      errors: this.errors,
      onAction: (action) => { this.handlers.action(viewId, values, action); },
      value: (blockId, actionId) => values[blockId]?.[actionId],
      setValue: (blockId, actionId, value) => {
        values[blockId] = { ...values[blockId], [actionId]: value };
      },
    });
    const submit = async (): Promise<void> => {
      const errors = await this.handlers.submit(viewId, values);
      if (errors !== undefined) {
        this.errors = errors;
        this.render(view);
      }
    };
    this.root.replaceChildren(
      h(
        'div',
        { class: 'overlay', role: 'dialog', 'aria-modal': 'true', 'aria-label': title },
        h(
          'form',
          {
            class: 'dialog modal',
            onsubmit: (event: Event) => {
              event.preventDefault();
              void submit();
            },
          },
          h(
            'div',
            { class: 'modal-head' },
            h('span', { class: 'avatar mini bot' }, '☎'),
            h('h2', {}, title),
            h('button', { class: 'icon-btn', type: 'button', 'aria-label': 'Close', onclick: () => { this.handlers.close(viewId); } }, '✕'),
          ),
          h('div', { class: 'modal-body' }, body),
          h(
            'div',
            { class: 'modal-foot' },
            h('button', { class: 'btn', type: 'button', onclick: () => { this.handlers.close(viewId); } }, closeText),
            submitText === undefined ? null : h('button', { class: 'btn btn-primary', type: 'submit' }, str(submitText)),
          ),
        ),
      ),
    );
  }
}
