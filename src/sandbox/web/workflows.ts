// The Workflows panel: pick one of the app's workflow steps (as manifest.yml declares them), fill its
// inputs, run it as a workflow would, and watch the run end: its outputs (the call thread as a link
// into the page) or the sentence it failed with. The form is built once per chosen step and kept
// across redraws, so what the admin typed survives the page refreshing around it.
import { h, replace } from './dom.js';
import type { Names } from './mrkdwn.js';
import type { StepInput, StepRun, Snapshot, WorkflowStep } from './types.js';

export interface WorkflowHandlers {
  names: Names;
  /** Starts a run; rejects with the sandbox's sentence when the inputs are refused. */
  run(callbackId: string, inputs: Record<string, string>): Promise<void>;
  openThread(channel: string, threadTs: string): void;
}

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** A permalink's channel and thread: `…/archives/C…/p1700000000123456[?thread_ts=…]`. */
export function threadOfPermalink(url: string): { channel: string; threadTs: string } | undefined {
  const match = /\/archives\/([A-Z0-9]+)\/p(\d{7,})(?:\?(.*))?$/.exec(url);
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  const digits = match[2];
  const ts = `${digits.slice(0, -6)}.${digits.slice(-6)}`;
  const threadTs = new URLSearchParams(match[3] ?? '').get('thread_ts') ?? ts;
  return { channel: match[1], threadTs };
}

export class WorkflowsPanel {
  readonly el: HTMLElement;
  private readonly picker = h('select', { class: 'select', id: 'wf-step', 'aria-label': 'Step' }) as HTMLSelectElement;
  private readonly about = h('div', { class: 'wf-about small' });
  private readonly fieldsEl = h('div', { class: 'wf-fields' });
  private readonly problem = h('div', { class: 'input-error', role: 'alert' });
  private readonly runsEl = h('div', { class: 'wf-runs', 'aria-label': 'Step runs' });
  private readonly controls = new Map<string, Control>();
  private snap: Snapshot | undefined;
  private context = { user: '', channel: '' };
  private built = '';

  constructor(private readonly handlers: WorkflowHandlers) {
    this.picker.addEventListener('change', () => { this.buildForm(); });
    const form = h(
      'form',
      { class: 'wf-form', 'aria-label': 'Run a workflow step' },
      h('label', { class: 'input-label', for: 'wf-step' }, 'Step'),
      this.picker,
      this.about,
      this.fieldsEl,
      this.problem,
      h('button', { class: 'btn btn-primary', type: 'submit' }, 'Run step'),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit();
    });
    this.el = h(
      'section',
      { class: 'panel-inner workflows', 'aria-label': 'Workflows' },
      h('h2', {}, 'Workflows'),
      h('p', { class: 'small muted' }, "Run one of phlo-bot's workflow steps as a workflow would, with the inputs Workflow Builder asks for."),
      form,
      this.runsEl,
    );
  }

  /** Redraws the runs; builds the step list once, and the form when the steps first arrive. */
  update(snap: Snapshot, context: { user: string; channel: string }): void {
    this.snap = snap;
    this.context = context;
    const ids = snap.steps.map((s) => s.callbackId).join(',');
    if (ids !== this.built) {
      this.built = ids;
      replace(this.picker, snap.steps.map((s) => h('option', { value: s.callbackId }, s.title)));
      this.picker.disabled = snap.steps.length === 0;
      this.buildForm();
    }
    replace(this.runsEl, snap.runs.length === 0 ? null : h('h3', {}, 'Runs'), snap.runs.map((r) => this.runEl(r)));
  }

  private step(): WorkflowStep | undefined {
    return this.snap?.steps.find((s) => s.callbackId === this.picker.value);
  }

  private buildForm(): void {
    const step = this.step();
    this.controls.clear();
    this.problem.textContent = '';
    if (step === undefined) {
      replace(this.about, h('p', { class: 'muted' }, 'manifest.yml declares no workflow steps.'));
      replace(this.fieldsEl);
      return;
    }
    replace(this.about, step.description === undefined ? null : h('p', {}, step.description), h('code', { class: 'muted' }, step.callbackId));
    replace(this.fieldsEl, step.inputs.map((input) => this.field(input)));
  }

  private field(input: StepInput): HTMLElement {
    const id = `wf-in-${input.name}`;
    const control = this.control(input, id);
    this.controls.set(input.name, control);
    // The hint shows under the field, as Workflow Builder shows it; the longer description is the
    // field's tooltip, so the form stays short enough to see the run under it.
    return h(
      'div',
      { class: 'input-block', 'data-input': input.name, title: input.description },
      h('label', { class: 'input-label', for: id }, input.title, input.required ? null : h('span', { class: 'optional' }, ' (optional)')),
      control,
      input.hint === undefined ? null : h('div', { class: 'hint' }, input.hint),
    );
  }

  private control(input: StepInput, id: string): Control {
    const snap = this.snap;
    const choose = (options: { value: string; label: string }[], initial: string): HTMLSelectElement =>
      h(
        'select',
        { class: 'select', id },
        h('option', { value: '' }, 'Choose…'),
        options.map((o) => h('option', { value: o.value, selected: o.value === initial }, o.label)),
      ) as HTMLSelectElement;
    switch (input.kind) {
      case 'user':
        return choose((snap?.workspace.users ?? []).map((u) => ({ value: u.id, label: `${u.realName} · ${u.role}` })), this.context.user);
      case 'channel':
        return choose((snap?.workspace.channels ?? []).map((c) => ({ value: c.id, label: `# ${c.name}` })), this.context.channel);
      case 'choice':
        return choose(input.choices.map((c) => ({ value: c.value, label: c.title })), '');
      case 'text': {
        // Workflow Builder's text fields take several lines (a run's payload is key=value lines).
        const box = h('textarea', { class: 'input wf-text', id, rows: 1 }) as HTMLTextAreaElement;
        box.addEventListener('input', () => {
          box.rows = Math.min(6, Math.max(1, box.value.split('\n').length));
        });
        return box;
      }
    }
  }

  private async submit(): Promise<void> {
    const step = this.step();
    if (step === undefined) return;
    const inputs = Object.fromEntries([...this.controls].map(([name, control]) => [name, control.value]));
    this.problem.textContent = '';
    try {
      await this.handlers.run(step.callbackId, inputs);
    } catch (error) {
      this.problem.textContent = error instanceof Error ? error.message : String(error);
    }
  }

  private runEl(run: StepRun): HTMLElement {
    const step = this.snap?.steps.find((s) => s.callbackId === run.callbackId);
    const label = (name: string): string => step?.inputs.find((i) => i.name === name)?.title ?? name;
    const shown = (name: string, value: unknown): string => {
      const kind = step?.inputs.find((i) => i.name === name)?.kind;
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      if (kind === 'user') return this.handlers.names.user(text);
      if (kind === 'channel') return `#${this.handlers.names.channel(text)}`;
      return text;
    };
    const state = run.state === 'running' ? 'running…' : run.state;
    return h(
      'div',
      { class: `wf-run state-${run.state}`, 'data-execution': run.id, 'data-step': run.callbackId },
      h('div', { class: 'wf-run-head' }, h('b', {}, step?.title ?? run.callbackId), h('span', { class: `pill wf-state wf-${run.state}` }, state)),
      h('div', { class: 'small muted wf-inputs' }, Object.entries(run.inputs).map(([k, v]) => `${label(k)}: ${shown(k, v)}`).join(' · ')),
      run.state === 'failed' ? h('p', { class: 'wf-failure' }, run.error ?? '') : null,
      run.outputs === undefined ? null : h('dl', { class: 'wf-outputs small' }, Object.entries(run.outputs).flatMap(([name, value]) => this.output(step, name, value))),
    );
  }

  private output(step: WorkflowStep | undefined, name: string, value: unknown): HTMLElement[] {
    const title = step?.outputs.find((o) => o.name === name)?.title ?? name;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    const thread = name === 'thread_url' ? threadOfPermalink(text) : undefined;
    const shown =
      thread === undefined
        ? h('code', {}, text)
        : h('a', {
            href: text,
            class: 'wf-thread-link',
            onclick: (event: Event) => {
              event.preventDefault();
              this.handlers.openThread(thread.channel, thread.threadTs);
            },
          }, `Open the thread in #${this.handlers.names.channel(thread.channel)}`);
    return [h('dt', { 'data-output': name }, title), h('dd', { 'data-output': name }, shown)];
  }
}
