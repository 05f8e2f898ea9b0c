import type { Catalogue } from '../actions/catalogue/index.js';
import { usagesOf, type Usage } from '../language/usage.js';
import { context, message, section, type MessageView } from './blocks.js';
import { code, escapeMrkdwn } from '../text/escape.js';

const render = (usage: Usage): string => `${code(usage.synopsis)}\n${escapeMrkdwn(usage.summary)}`;

/** `/phlo help`: every command of the catalogue's language; `/phlo help <verb>`: one, with examples. */
export function helpView(catalogue: Catalogue, topic?: string): MessageView {
  const usages = usagesOf(catalogue);
  const usage = topic === undefined ? undefined : usages.find(([verb]) => verb === topic)?.[1];
  if (usage !== undefined) {
    return message(usage.synopsis, [section(render(usage)), section(`*Examples*\n${usage.examples.map((e) => code(e)).join('\n')}`)]);
  }
  return message('phlo-bot commands', [
    section('*phlo-bot* drives PHLO multiparty calls from Slack. `/phlo` alone opens a form.'),
    // Grouped in sections under the 3,000-character limit each.
    ...chunk(usages.map(([, u]) => render(u)), 6).map((lines) => section(lines.join('\n\n'))),
    context(['`/phlo help <command>` shows examples. Results land in the call’s thread in this channel.']),
  ]);
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
