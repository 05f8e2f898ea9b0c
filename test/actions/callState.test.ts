/** The call card's state keys members by canonical address: one member, one entry, however typed. */
import { describe, expect, it } from 'vitest';
import { applyToCallState as apply, EMPTY_CALL_STATE, type CallState, type StateChange } from '../../src/actions/callState.js';
import { CATALOGUE } from '../../src/actions/catalogue/index.js';

/** The change as the app's catalogue says the action makes it. */
const applyToCallState = (state: CallState, change: StateChange): CallState => apply(state, change, CATALOGUE.find(change.action)?.changes);

const change = (action: StateChange['action'], member: string, input: Record<string, unknown> = {}): StateChange => ({
  action,
  userId: 'U0ALICE',
  member,
  input,
  outcome: 'ok',
  at: 1_700_000_000_000,
});

describe('applyToCallState keys members by canonical address', () => {
  it('a hold on +1415… and an unhold on 1415… act on one member', () => {
    const held = applyToCallState(EMPTY_CALL_STATE, change('hold', '+14155551234'));
    const unheld = applyToCallState(held, change('unhold', '14155551234'));
    expect(unheld.members).toStrictEqual({ '+14155551234': { held: false } });
    expect(unheld.lastAction?.member).toBe('+14155551234');
  });

  it('a SIP host in another case is the same member; the user part keeps its case', () => {
    const called = applyToCallState(EMPTY_CALL_STATE, change('call', 'sip:Bob@Phone.plivo.com', { role: 'customer' }));
    const held = applyToCallState(called, change('hold', 'sip:Bob@phone.plivo.com'));
    expect(held.members).toStrictEqual({ 'sip:Bob@phone.plivo.com': { role: 'customer', held: true } });
  });

  it('a card saved with two spellings of one member lists it once after the next action', () => {
    const legacy: CallState = {
      members: { '14155551234': { role: 'customer', held: true }, '+14155550100': { role: 'agent', held: false } },
      transfer: { initiator: '14155550100', recipient: 'sip:x@Example.com', startedBy: 'U0ALICE', at: 1 },
    };
    const next = applyToCallState(legacy, change('unhold', '+14155551234'));
    expect(Object.keys(next.members)).toEqual(['+14155551234', '+14155550100']);
    expect(next.members['+14155551234']).toStrictEqual({ role: 'customer', held: false });
    expect(next.transfer).toMatchObject({ initiator: '+14155550100', recipient: 'sip:x@example.com' });
  });

  it('a cold transfer from a member typed without + marks that member transferred', () => {
    const called = applyToCallState(EMPTY_CALL_STATE, change('call', '+14155550100'));
    const moved = applyToCallState(called, change('cold_transfer', '+14155551234', { from: '14155550100' }));
    expect(moved.members['+14155550100']?.left).toBe('transferred');
    expect(Object.keys(moved.members)).toHaveLength(2);
  });
});
