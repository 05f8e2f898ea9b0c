/**
 * The text of `/phlo help` and `/phlo help <verb>`, as data: the renderer (Block Kit or plain)
 * lives with the other messages. Synopses follow SPEC §3 word for word.
 */
import type { Verb } from './parse.js';

export interface Usage {
  /** One line, starting `/phlo `. */
  synopsis: string;
  /** One or two plain sentences: what it does, and what the omitted parts default to. */
  summary: string;
  /** Complete commands that work as typed (given a PHLO aliased `support`). */
  examples: string[];
}

const TARGET = '[--phlo P] [--node N]';
const TARGET_NOTE = '`--phlo` and `--node` default to this channel’s PHLO and node.';

function memberUsage(verb: Verb, does: string, example: string): Usage {
  return {
    synopsis: `/phlo ${verb} <member> ${TARGET}`,
    summary: `${does} ${TARGET_NOTE} Without a member it opens the member action form.`,
    examples: [`/phlo ${verb} ${example}`, `/phlo ${verb} ${example} --phlo support --node queue`],
  };
}

export const USAGE: Readonly<Record<Verb, Usage>> = {
  help: {
    synopsis: '/phlo help [command]',
    summary: 'Lists the commands, or explains one of them.',
    examples: ['/phlo help', '/phlo help transfer'],
  },
  whoami: {
    synopsis: '/phlo whoami',
    summary: 'Shows your role, your address, what you may do, and this channel’s default PHLO and node.',
    examples: ['/phlo whoami'],
  },
  call: {
    synopsis: `/phlo call <to> [--role agent|customer] [--from <address>] ${TARGET}`,
    summary:
      'Adds a phone number or SIP address to the multiparty call. `--role` defaults to agent, ' +
      `\`--from\` to your own address. ${TARGET_NOTE} Without \`<to>\` it opens the call form.`,
    examples: [
      '/phlo call +14155551234',
      '/phlo call sip:bob@phone.plivo.com --role agent',
      '/phlo call "+1 (415) 555-1234" --role customer --phlo support --node queue',
    ],
  },
  transfer: {
    synopsis: `/phlo transfer warm|cold <to> [--role agent|customer] [--from <address>] ${TARGET}`,
    summary:
      'Transfers the call: warm lets you talk to the new party first (then resume or abort), cold ' +
      'hands the call over at once. `--role` defaults to agent, `--from` to your own address. ' +
      `${TARGET_NOTE} \`/phlo transfer\` alone opens the transfer form.`,
    examples: [
      '/phlo transfer warm +14155551234',
      '/phlo transfer cold sip:bob@phone.plivo.com --from +14155550100',
      '/phlo transfer',
    ],
  },
  hold: memberUsage('hold', 'Puts a member on hold; the others hear hold music.', '+14155551234'),
  unhold: memberUsage('unhold', 'Takes a member off hold.', '+14155551234'),
  hangup: memberUsage('hangup', 'Hangs up on a member.', '+14155551234'),
  resume: memberUsage('resume', 'Finishes a warm transfer: the member rejoins the call.', '+14155551234'),
  abort: memberUsage('abort', 'Cancels a warm transfer in progress.', '+14155551234'),
  voicemail: memberUsage('voicemail', 'Drops a voicemail for a member.', '+14155551234'),
  run: {
    synopsis: '/phlo run <phlo> [key=value ...]',
    summary:
      'Runs a PHLO, passing each key=value to its Start node as typed. Quote values with spaces: ' +
      'note="two words". Without a PHLO it opens the run form.',
    examples: ['/phlo run support', '/phlo run support from=+14155550100 to=+14155551234 note="two words"'],
  },
  status: {
    synopsis: '/phlo status [<phlo>] [--node N]',
    summary: 'Shows the PHLO, and with a node the multiparty call node. Both default to this channel’s.',
    examples: ['/phlo status', '/phlo status support', '/phlo status support --node queue'],
  },
  'run-status': {
    synopsis: '/phlo run-status <phlo> <run_id>',
    summary: 'Shows a PHLO run: its calls, messages and recordings.',
    examples: ['/phlo run-status support 9a9c3b74-1c4e-4bc3-a3f7-4b5b2c9f0e51'],
  },
  history: {
    synopsis: '/phlo history [--member <address>] [--limit N] [--csv]',
    summary:
      'Lists the last actions in this channel: N from 1 to 50, default 10. ' +
      '`--member` keeps only those on one member; `--csv` gives them as CSV.',
    examples: ['/phlo history', '/phlo history --member +14155551234 --limit 20', '/phlo history --csv'],
  },
};
