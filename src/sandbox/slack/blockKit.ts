import { isRecord, type Json } from './httpBody.js';

// Block Kit validation: the limits Slack enforces, reported the way Slack words them, so a builder bug
// fails in the tests and in the sandbox rather than in a real workspace.

type Surface = 'message' | 'modal' | 'home';

const KNOWN_BLOCKS = new Set([
  'section',
  'divider',
  'image',
  'actions',
  'context',
  'input',
  'header',
  'rich_text',
  'video',
  'file',
  'markdown',
  'call',
  'table',
]);

function tooLong(value: string, max: number, ptr: string, problems: string[]): void {
  if (value.length > max) problems.push(`must be less than ${max + 1} characters [json-pointer:${ptr}]`);
}

function checkText(
  obj: unknown,
  ptr: string,
  problems: string[],
  max: number,
  plainOnly = false,
): void {
  if (!isRecord(obj)) {
    problems.push(`must provide an object [json-pointer:${ptr}]`);
    return;
  }
  const allowed = plainOnly ? ['plain_text'] : ['plain_text', 'mrkdwn'];
  if (typeof obj.type !== 'string' || !allowed.includes(obj.type)) {
    problems.push(`must be a valid enum value [json-pointer:${ptr}/type]`);
  }
  if (typeof obj.text !== 'string') {
    problems.push(`must provide a string [json-pointer:${ptr}/text]`);
    return;
  }
  if (obj.text.length === 0) problems.push(`must be more than 0 characters [json-pointer:${ptr}/text]`);
  tooLong(obj.text, max, `${ptr}/text`, problems);
}

function checkOption(option: unknown, ptr: string, problems: string[], plainOnly: boolean): void {
  if (!isRecord(option)) {
    problems.push(`must provide an object [json-pointer:${ptr}]`);
    return;
  }
  checkText(option.text, `${ptr}/text`, problems, 75, plainOnly);
  if (typeof option.value !== 'string') problems.push(`must provide a string [json-pointer:${ptr}/value]`);
  else tooLong(option.value, 150, `${ptr}/value`, problems);
  if (option.description !== undefined) checkText(option.description, `${ptr}/description`, problems, 75, true);
}

function checkOptions(list: unknown, ptr: string, problems: string[], min: number, max: number, plainOnly: boolean): void {
  if (!Array.isArray(list)) {
    problems.push(`must provide an array [json-pointer:${ptr}]`);
    return;
  }
  if (list.length < min) problems.push(`must provide at least ${min} items [json-pointer:${ptr}]`);
  if (list.length > max) problems.push(`must provide no more than ${max} items [json-pointer:${ptr}]`);
  list.forEach((option, i) => { checkOption(option, `${ptr}/${i}`, problems, plainOnly); });
  const values = list.map((o) => (isRecord(o) ? o.value : undefined));
  if (new Set(values).size !== values.length) problems.push(`must not repeat an option value [json-pointer:${ptr}]`);
}

/** Every option an element offers, flat, whether listed or grouped. */
function offered(el: Record<string, unknown>): unknown[] {
  const groups: unknown = el.option_groups;
  if (Array.isArray(groups)) return groups.flatMap((g: unknown): unknown[] => (isRecord(g) && Array.isArray(g.options) ? (g.options as unknown[]) : []));
  const options: unknown = el.options;
  return Array.isArray(options) ? (options as unknown[]) : [];
}

/** Slack refuses an initial option that is not exactly one of the options. */
function checkInitialOption(el: Record<string, unknown>, ptr: string, problems: string[]): void {
  if (el.initial_option === undefined) return;
  const wanted = JSON.stringify(el.initial_option);
  if (!offered(el).some((o) => JSON.stringify(o) === wanted)) {
    problems.push(`must match one of the options [json-pointer:${ptr}/initial_option]`);
  }
}

function checkConfirm(confirm: unknown, ptr: string, problems: string[]): void {
  if (confirm === undefined) return;
  if (!isRecord(confirm)) {
    problems.push(`must provide an object [json-pointer:${ptr}]`);
    return;
  }
  checkText(confirm.title, `${ptr}/title`, problems, 100, true);
  checkText(confirm.text, `${ptr}/text`, problems, 300);
  checkText(confirm.confirm, `${ptr}/confirm`, problems, 30, true);
  checkText(confirm.deny, `${ptr}/deny`, problems, 30, true);
}

function checkElement(el: unknown, ptr: string, problems: string[]): void {
  if (!isRecord(el) || typeof el.type !== 'string') {
    problems.push(`must provide an object with a type [json-pointer:${ptr}]`);
    return;
  }
  if (el.action_id !== undefined) {
    if (typeof el.action_id !== 'string') problems.push(`must provide a string [json-pointer:${ptr}/action_id]`);
    else tooLong(el.action_id, 255, `${ptr}/action_id`, problems);
  }
  if (el.placeholder !== undefined) checkText(el.placeholder, `${ptr}/placeholder`, problems, 150, true);
  checkConfirm(el.confirm, `${ptr}/confirm`, problems);
  switch (el.type) {
    case 'button':
      checkText(el.text, `${ptr}/text`, problems, 75, true);
      if (el.value !== undefined) {
        if (typeof el.value !== 'string') problems.push(`must provide a string [json-pointer:${ptr}/value]`);
        else tooLong(el.value, 2000, `${ptr}/value`, problems);
      }
      if (typeof el.url === 'string') tooLong(el.url, 3000, `${ptr}/url`, problems);
      if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger') {
        problems.push(`must be a valid enum value [json-pointer:${ptr}/style]`);
      }
      break;
    case 'static_select':
    case 'multi_static_select':
      if (el.option_groups !== undefined) {
        if (!Array.isArray(el.option_groups) || el.option_groups.length > 100) {
          problems.push(`must provide no more than 100 items [json-pointer:${ptr}/option_groups]`);
        } else {
          el.option_groups.forEach((group, i) => {
            if (isRecord(group)) checkOptions(group.options, `${ptr}/option_groups/${i}/options`, problems, 1, 100, true);
          });
        }
      } else {
        checkOptions(el.options, `${ptr}/options`, problems, 1, 100, true);
      }
      if (el.initial_option !== undefined) checkOption(el.initial_option, `${ptr}/initial_option`, problems, true);
      checkInitialOption(el, ptr, problems);
      break;
    case 'radio_buttons':
    case 'checkboxes':
      checkOptions(el.options, `${ptr}/options`, problems, 1, 10, false);
      checkInitialOption(el, ptr, problems);
      break;
    case 'overflow':
      checkOptions(el.options, `${ptr}/options`, problems, 1, 5, true);
      break;
    case 'plain_text_input':
      if (typeof el.initial_value === 'string') {
        tooLong(el.initial_value, typeof el.max_length === 'number' ? Math.min(el.max_length, 3000) : 3000, `${ptr}/initial_value`, problems);
      }
      if (typeof el.max_length === 'number' && el.max_length > 3000) {
        problems.push(`must be less than 3001 [json-pointer:${ptr}/max_length]`);
      }
      break;
    default:
      break;
  }
}

/** A block's `elements`: 1 to `max` of them; the ones to check further (none when there is no list). */
function elementsOf(block: Record<string, unknown>, at: string, problems: string[], max: number): unknown[] {
  const elements: unknown = block.elements;
  if (!Array.isArray(elements) || elements.length === 0) {
    problems.push(`must provide at least 1 items [json-pointer:${at}/elements]`);
    return [];
  }
  if (elements.length > max) problems.push(`must provide no more than ${max} items [json-pointer:${at}/elements]`);
  return elements as unknown[];
}

export function validateBlocks(blocks: unknown, surface: Surface, ptr: string): string[] {
  const problems: string[] = [];
  if (!Array.isArray(blocks)) return [`must provide an array [json-pointer:${ptr}]`];
  const max = surface === 'message' ? 50 : 100;
  if (blocks.length > max) problems.push(`must provide no more than ${max} items [json-pointer:${ptr}]`);
  const blockIds = new Set<string>();
  if ((JSON.stringify(blocks).match(/"focus_on_load":true/g) ?? []).length > 1) {
    problems.push(`must set focus_on_load on one element at most [json-pointer:${ptr}]`);
  }
  blocks.forEach((block, i) => {
    const at = `${ptr}/${i}`;
    if (!isRecord(block) || typeof block.type !== 'string') {
      problems.push(`must provide an object with a type [json-pointer:${at}]`);
      return;
    }
    if (!KNOWN_BLOCKS.has(block.type)) problems.push(`must be a valid enum value [json-pointer:${at}/type]`);
    if (block.block_id !== undefined) {
      if (typeof block.block_id !== 'string') problems.push(`must provide a string [json-pointer:${at}/block_id]`);
      else {
        tooLong(block.block_id, 255, `${at}/block_id`, problems);
        if (blockIds.has(block.block_id)) problems.push(`duplicate block_id "${block.block_id}" [json-pointer:${at}/block_id]`);
        blockIds.add(block.block_id);
      }
    }
    switch (block.type) {
      case 'section':
        if (block.text === undefined && block.fields === undefined) {
          problems.push(`must provide either text or fields [json-pointer:${at}]`);
        }
        if (block.text !== undefined) checkText(block.text, `${at}/text`, problems, 3000);
        if (block.fields !== undefined) {
          if (!Array.isArray(block.fields)) problems.push(`must provide an array [json-pointer:${at}/fields]`);
          else {
            if (block.fields.length > 10) problems.push(`must provide no more than 10 items [json-pointer:${at}/fields]`);
            block.fields.forEach((field, j) => { checkText(field, `${at}/fields/${j}`, problems, 2000); });
          }
        }
        if (block.accessory !== undefined) checkElement(block.accessory, `${at}/accessory`, problems);
        break;
      case 'actions':
        elementsOf(block, at, problems, 25).forEach((el, j) => { checkElement(el, `${at}/elements/${j}`, problems); });
        break;
      case 'context':
        elementsOf(block, at, problems, 10).forEach((el, j) => {
          if (isRecord(el) && el.type !== 'image') checkText(el, `${at}/elements/${j}`, problems, 3000);
        });
        break;
      case 'header':
        checkText(block.text, `${at}/text`, problems, 150, true);
        break;
      case 'input':
        checkText(block.label, `${at}/label`, problems, 2000, true);
        if (block.hint !== undefined) checkText(block.hint, `${at}/hint`, problems, 2000, true);
        checkElement(block.element, `${at}/element`, problems);
        break;
      default:
        break;
    }
  });
  return problems;
}

export function validateView(view: Json, surface: 'modal' | 'home'): string[] {
  const problems: string[] = [];
  if (view.type !== surface) problems.push(`must be "${surface}" here [json-pointer:/view/type]`);
  if (surface === 'modal') {
    checkText(view.title, '/view/title', problems, 24, true);
    if (view.submit !== undefined && view.submit !== null) checkText(view.submit, '/view/submit', problems, 24, true);
    if (view.close !== undefined && view.close !== null) checkText(view.close, '/view/close', problems, 24, true);
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isRecord(b) && b.type === 'input');
    if (hasInput && (view.submit === undefined || view.submit === null)) {
      problems.push('must provide submit when the blocks contain an input block [json-pointer:/view/submit]');
    }
  }
  if (typeof view.private_metadata === 'string') tooLong(view.private_metadata, 3000, '/view/private_metadata', problems);
  if (typeof view.callback_id === 'string') tooLong(view.callback_id, 255, '/view/callback_id', problems);
  if (typeof view.external_id === 'string') tooLong(view.external_id, 255, '/view/external_id', problems);
  problems.push(...validateBlocks(view.blocks, surface, '/view/blocks'));
  return problems;
}
