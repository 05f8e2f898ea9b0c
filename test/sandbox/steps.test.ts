/**
 * The Workflows panel offers what the manifest declares: the steps with their titles and descriptions,
 * each input with its title, hint, whether it is required and its choices; and a run's inputs are
 * checked the way Workflow Builder insists on them before a step may start.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStepInputs, stepsOfManifest } from '../../src/sandbox/steps.js';

const fixture = readFileSync(new URL('./fixtures/manifest-functions.yml', import.meta.url), 'utf8');
const steps = stepsOfManifest(fixture);
const memberAction = steps.find((s) => s.callbackId === 'phlo_member_action');
if (memberAction === undefined) throw new Error('the fixture declares phlo_member_action');

describe('the steps of a manifest', () => {
  it('lists every declared step in order, with its title and description', () => {
    expect(steps.map((s) => [s.callbackId, s.title])).toEqual([
      ['phlo_transfer', 'Transfer a PHLO call'],
      ['phlo_member_action', 'Act on a call member'],
      ['phlo_run', 'Run a PHLO'],
    ]);
    expect(memberAction.description).toBe('Hold, unhold, hang up, resume, abort or send to voicemail a member of a PHLO call');
  });

  it('gives each input its title, hint, kind and whether it is required, and an enum its choices', () => {
    const byName = Object.fromEntries(memberAction.inputs.map((i) => [i.name, i]));
    expect(byName.user).toMatchObject({ kind: 'user', title: 'Acting for', hint: 'Usually "Person who used this workflow"', required: true });
    expect(byName.channel).toMatchObject({ kind: 'channel', required: true });
    expect(byName.member).toMatchObject({ kind: 'text', title: 'Member', hint: 'The member\'s address, e.g. +14155551234', required: true });
    expect(byName.phlo).toMatchObject({ kind: 'text', required: false });
    expect(byName.action?.choices.map((c) => c.title)).toEqual(['Hold', 'Unhold', 'Hang up', 'Resume', 'Abort', 'Voicemail']);
    expect(byName.action?.choices[2]?.value).toBe('hangup');
  });

  it('counts `is_required` as required too, and lists the outputs', () => {
    const run = steps.find((s) => s.callbackId === 'phlo_run');
    expect(run?.inputs.find((i) => i.name === 'phlo')?.required).toBe(true);
    expect(run?.inputs.find((i) => i.name === 'payload')?.required).toBe(false);
    expect(memberAction.outputs.map((o) => o.name)).toEqual(['outcome', 'api_id', 'thread_url', 'action_id']);
  });

  it("reads manifest.yml's own steps, each acting for a person in a channel", () => {
    const own = stepsOfManifest(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8'));
    expect(own.map((s) => s.callbackId).sort()).toEqual(['phlo_call', 'phlo_member_action', 'phlo_run', 'phlo_transfer']);
    for (const step of own) {
      expect(step.inputs.find((i) => i.name === 'user')).toMatchObject({ kind: 'user', required: true });
      expect(step.inputs.find((i) => i.name === 'channel')).toMatchObject({ kind: 'channel', required: true });
    }
  });

  it('is empty for a manifest with no functions', () => {
    expect(stepsOfManifest('display_information:\n  name: phlo-bot\n')).toEqual([]);
  });
});

describe("a run's inputs", () => {
  const good = { user: 'U0ALICE', channel: 'C0SUPPORT', action: 'hold', member: '+14155551234', phlo: '', node: '' };

  it('pass with every required input, leaving out the empty optional ones', () => {
    expect(parseStepInputs(memberAction, good)).toEqual({ user: 'U0ALICE', channel: 'C0SUPPORT', action: 'hold', member: '+14155551234' });
  });

  it('are refused with the missing input named', () => {
    expect(() => parseStepInputs(memberAction, { ...good, member: ' ' })).toThrow('Member (member) is required');
  });

  it('are refused when a choice is not among the declared values, or a person is not an id', () => {
    expect(() => parseStepInputs(memberAction, { ...good, action: 'mute' })).toThrow('Action (action) must be one of hold, unhold, hangup, resume, abort, voicemail');
    expect(() => parseStepInputs(memberAction, { ...good, user: 'alice' })).toThrow('Acting for (user) must be a person');
  });

  it('are refused when they name an input the step lacks', () => {
    expect(() => parseStepInputs(memberAction, { ...good, kind: 'warm' })).toThrow();
  });
});
