/**
 * Adding an action is adding a catalogue entry. A throwaway member action, `mute`, goes into a COPY of
 * the app's catalogue here, and nothing else changes: the command language parses it, help lists it,
 * the picker and the member form offer it, the pipeline performs and records it, and the reply, the
 * card and its buttons show it. (PHLO has no mute: the simulator is told to accept the wire action.)
 */
import type { ModalView, PlainTextOption, StaticSelect } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE, memberAction } from '../../src/actions/catalogue/index.js';
import { parseCommand } from '../../src/language/parse.js';
import { UnknownCommandError } from '../../src/language/errors.js';
import type { MemberAction } from '../../src/plivo/index.js';
import { helpView } from '../../src/views/help.js';
import { MODAL_ACTION_IDS as A, MODAL_BLOCK_IDS as B, MODAL_CALLBACK_IDS } from '../../src/views/ids.js';
import { actionPickerModal, encodeModalMetadata, memberActionModal, modalForPickedAction, type ModalContext } from '../../src/views/modals/index.js';
import { buttonsOf, CHANNEL, messageText, NODE_ID, PHLO_ID, SIGNING_SECRET, startHarness, TEAM, USERS, type Harness } from '../e2e/harness.js';
import { postSigned, viewSubmissionBody } from '../support/slackRequests.js';
import { defined } from '../support/matchers.js';
import { config } from '../views/helpers.js';

// The wire name is this test's own: PHLO's member actions are a closed list the client types.
const MUTE_ON_THE_WIRE = 'mute' as MemberAction;

const mute = memberAction({
  name: 'mute',
  phloAction: MUTE_ON_THE_WIRE,
  permission: 'hold',
  does: 'Mutes a member: the others no longer hear them.',
  words: {
    label: 'Mute',
    description: 'Stop the others hearing them',
    phrase: (who) => ({ done: `muted ${who}`, todo: `mute ${who}` }),
  },
  card: { on: 'member', when: () => true },
  next: (member) => [{ action: 'hold', member }],
});
const catalogue = CATALOGUE.with(mute);
const MEMBER = '+14155557000';

describe('a throwaway action added to a copy of the catalogue', () => {
  it('is parsed: `/phlo mute <member>`, and `/phlo mute` alone opens the member form; the app’s own language has no mute', () => {
    expect(parseCommand('mute +1 415 555 7000', catalogue)).toStrictEqual({ kind: 'command', command: { verb: 'mute', member: MEMBER } });
    expect(parseCommand('MUTE --node queue', catalogue)).toStrictEqual({ kind: 'incomplete', verb: 'mute', given: { node: 'queue' }, missing: ['member'] });
    expect(() => parseCommand('mute +14155557000')).toThrow(UnknownCommandError);
  });

  it('is in help, its synopsis written from its grammar', () => {
    expect(helpView(catalogue, 'mute').text).toBe('/phlo mute <member> [--phlo P] [--node N] [--reason "why"]');
    const text = JSON.stringify(helpView(catalogue).blocks);
    expect(text).toContain('/phlo mute &lt;member&gt;');
    expect(text).toContain('Mutes a member');
    expect(JSON.stringify(helpView(CATALOGUE).blocks)).not.toContain('/phlo mute');
  });

  it('is offered in the picker and the member form, with its description', () => {
    const ctx: ModalContext = { channelId: CHANNEL, config, catalogue };
    const picker = actionPickerModal(ctx).blocks.find((b) => b.block_id === B.picker) as { elements: StaticSelect[] } | undefined;
    expect(picker?.elements[0]?.options?.map((o) => o.value)).toContain('mute');
    const form: ModalView = modalForPickedAction('mute', ctx);
    expect(form.callback_id).toBe(MODAL_CALLBACK_IDS.member);
    const field = memberActionModal(ctx).blocks.find((b) => b.block_id === B.memberAction) as { element: { options: PlainTextOption[] } } | undefined;
    const radios = field?.element.options ?? [];
    expect(radios.map((o) => [o.value, o.text.text, o.description?.text])).toContainEqual(['mute', 'Mute', 'Stop the others hearing them']);
  });

  describe('end to end, in an app given the copy', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({ catalogue, extraMemberActions: ['mute'], dedupWindowMs: 0 });
    });
    afterAll(async () => {
      await h.stop();
    });

    it('is performed, recorded and rendered: by command, by the card’s button and by the member form', async () => {
      await h.command(`call ${MEMBER}`);
      await h.waitForReply((c) => messageText(c).includes('added'));
      const card = h.slack.callsTo('chat.postMessage').find((c) => c.args.thread_ts === undefined);
      const muteButton = buttonsOf(defined(card, 'the call card')).find((b) => b.label === 'Mute agent …7000');
      expect(muteButton).toBeDefined();
      const mute = defined(muteButton, 'the Mute button');

      // Typed.
      await h.command(`mute ${MEMBER}`);
      const reply = await h.waitForReply((c) => messageText(c).includes('muted'));
      expect(messageText(reply)).toContain(`<@${USERS.alice}> muted \`${MEMBER}\``);
      expect(buttonsOf(reply).map((b) => b.label)).toEqual(['Hold …7000']);
      expect(h.phlo.requests.at(-1)).toMatchObject({ path: `/v1/phlo/${PHLO_ID}/multi_party_call/${NODE_ID}/members/${MEMBER}`, body: { action: 'mute' } });

      // Clicked on the card.
      await h.click({ actionId: mute.actionId, value: mute.value, messageTs: String(card?.response?.ts), user: USERS.bob });
      await h.waitForReply((c) => messageText(c).includes(`<@${USERS.bob}> muted`));

      // Submitted in the member form.
      const values = {
        [B.phlo]: { [A.phlo]: { type: 'static_select', selected_option: { value: PHLO_ID } } },
        [B.node]: { [A.node]: { type: 'static_select', selected_option: { value: `${PHLO_ID}/${NODE_ID}` } } },
        [B.member]: { [A.member]: { type: 'plain_text_input', value: '+1 415 555 7000' } },
        [B.memberAction]: { [A.memberAction]: { type: 'radio_buttons', selected_option: { value: 'mute' } } },
      };
      const submitted = await postSigned(
        `${h.baseUrl}/slack/events`,
        viewSubmissionBody({ userId: USERS.lee, teamId: TEAM, callbackId: MODAL_CALLBACK_IDS.member, privateMetadata: encodeModalMetadata({ channelId: CHANNEL }), values }),
        SIGNING_SECRET,
      );
      expect(submitted.body).toBe('');
      await h.waitForReply((c) => messageText(c).includes(`<@${USERS.lee}> muted`));

      const mutes = h.phlo.requests.filter((r) => (r.body as { action?: string } | undefined)?.action === 'mute');
      expect(mutes).toHaveLength(3);
      const rows = await h.app.store.actions.history({ teamId: TEAM, channelId: CHANNEL, limit: 10 });
      expect(rows.filter((r) => r.action === 'mute').map((r) => [r.userId, r.member, r.outcome])).toEqual([
        [USERS.lee, MEMBER, 'ok'],
        [USERS.bob, MEMBER, 'ok'],
        [USERS.alice, MEMBER, 'ok'],
      ]);
      // The card says what was done last, under the action's label.
      const update = await h.slack.waitForCall('chat.update', (c) => messageText(c).includes('Last action: Mute'));
      expect(buttonsOf(update).map((b) => b.label)).toContain('Mute agent …7000');
    });
  });
});
