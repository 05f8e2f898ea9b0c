import type { Catalogue } from '../actions/catalogue/index.js';
import { UserInputError } from '../errors.js';
import { parseCommand } from '../language/parse.js';

/**
 * Whether a request is a `/phlo` command that opens a form: a bare `/phlo` (the action picker) or an
 * action missing arguments. Its trigger_id expires three seconds after the user typed, so it must not
 * wait behind a burst of actions for its turn (see `AfterAckLine.push`).
 */
export function opensModal(catalogue: Catalogue, body: Record<string, unknown>): boolean {
  if (typeof body.command !== 'string') return false;
  const text = typeof body.text === 'string' ? body.text : '';
  try {
    const parsed = parseCommand(text, catalogue);
    return parsed.kind === 'incomplete' || parsed.command.verb === 'picker';
  } catch (error) {
    // Text that does not parse is answered with its error, in its turn.
    if (error instanceof UserInputError) return false;
    throw error;
  }
}
