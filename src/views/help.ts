import { USAGE, type Usage } from '../commands/usage.js';
import { VERBS, type Verb } from '../commands/parse.js';
import { context, message, section, type MessageView } from './blocks.js';
import { code, escapeMrkdwn } from './escape.js';

const render = (usage: Usage): string => `${code(usage.synopsis)}\n${escapeMrkdwn(usage.summary)}`;

/** `/phlo help`: every command; `/phlo help <verb>`: one, with examples. */
export function helpView(topic?: Verb): MessageView {
  if (topic !== undefined) {
    const usage = USAGE[topic];
    return message(usage.synopsis, [
      section(render(usage)),
      section(`*Examples*\n${usage.examples.map((e) => code(e)).join('\n')}`),
    ]);
  }
  return message('phlo-bot commands', [
    section('*phlo-bot* drives PHLO multiparty calls from Slack. `/phlo` alone opens a form.'),
    // Grouped in sections under the 3,000-character limit each.
    ...chunk(VERBS.map((verb) => render(USAGE[verb])), 6).map((lines) => section(lines.join('\n\n'))),
    context(['`/phlo help <command>` shows examples. Results land in the call’s thread in this channel.']),
  ]);
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
