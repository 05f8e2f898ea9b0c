import type { ActionDraft, SlackContext } from '../actions/types.js';
import type { Command } from './parse.js';

type ActionCommand = Exclude<Command, { verb: 'picker' | 'help' | 'whoami' | 'history' }>;

/** Turns a parsed command that acts through PHLO into the pipeline's draft request. */
export function commandToDraft(command: ActionCommand, slack: SlackContext): ActionDraft {
  switch (command.verb) {
    case 'call':
      return {
        action: 'call',
        phlo: command.phlo,
        node: command.node,
        input: { to: command.to, role: command.role, from: command.from },
        slack,
      };
    case 'transfer':
      return {
        action: command.mode === 'warm' ? 'warm_transfer' : 'cold_transfer',
        phlo: command.phlo,
        node: command.node,
        input: { to: command.to, role: command.role, from: command.from },
        slack,
      };
    case 'run':
      return { action: 'run', phlo: command.phlo, input: { params: command.params }, slack };
    case 'status':
      return command.node === undefined
        ? { action: 'phlo_status', phlo: command.phlo, input: {}, slack }
        : { action: 'node_status', phlo: command.phlo, node: command.node, input: {}, slack };
    case 'run-status':
      return { action: 'run_status', phlo: command.phlo, input: { runId: command.runId }, slack };
    default:
      return { action: command.verb, phlo: command.phlo, node: command.node, input: { member: command.member }, slack };
  }
}

export function isActionCommand(command: Command): command is ActionCommand {
  return !['picker', 'help', 'whoami', 'history'].includes(command.verb);
}
