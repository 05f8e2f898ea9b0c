// Which requests open a form, and so must not wait behind a burst for their turn.
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/actions/catalogue/index.js';
import { opensModal } from '../../src/commands/opensModal.js';

const command = (text: string): Record<string, unknown> => ({ command: '/phlo', text, team_id: 'T1', channel_id: 'C1', user_id: 'U1' });

describe('a request that opens a form', () => {
  it('is a bare /phlo, or an action missing its arguments', () => {
    expect(opensModal(CATALOGUE, command(''))).toBe(true);
    expect(opensModal(CATALOGUE, command('   '))).toBe(true);
    expect(opensModal(CATALOGUE, command('transfer'))).toBe(true);
    expect(opensModal(CATALOGUE, command('hold'))).toBe(true);
  });

  it('is not a complete action, a built-in answered in the channel, text that does not parse, or a click', () => {
    expect(opensModal(CATALOGUE, command('hold +14155551234'))).toBe(false);
    expect(opensModal(CATALOGUE, command('help'))).toBe(false);
    expect(opensModal(CATALOGUE, command('history'))).toBe(false);
    expect(opensModal(CATALOGUE, command('frobnicate now'))).toBe(false);
    expect(opensModal(CATALOGUE, { type: 'block_actions', actions: [] })).toBe(false);
  });
});
