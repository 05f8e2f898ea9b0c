/** The request for approval as the thread shows it: whom it asks, while it waits. */
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/actions/catalogue/index.js';
import type { ApprovalView } from '../../src/actions/ports.js';
import { approvalMessage } from '../../src/views/approval.js';
import { BLOCK_IDS } from '../../src/views/ids.js';
import { violations } from './helpers.js';

const waiting: ApprovalView = {
  requestId: '2f1c7a0e-7d51-4a43-9a41-6a0c2b0d9e11',
  action: 'hangup',
  requesterId: 'U0ALICE',
  channelId: 'C0SUPPORT',
  member: '+14155551234',
  input: { member: '+14155551234' },
  target: 'Support line · queue',
  reason: 'abusive caller',
  expiresAt: new Date('2026-12-04T17:00:00Z'),
};

const askedOf = (catalogue: typeof CATALOGUE, view: ApprovalView = waiting): string | undefined => {
  const block = approvalMessage(catalogue, view).blocks.find((b) => b.block_id === BLOCK_IDS.approvalAskedOf) as { text: { text: string } } | undefined;
  return block?.text.text;
};

describe('whom a request for approval asks', () => {
  it("mentions the approvers' user groups and users, never the requester", () => {
    const catalogue = CATALOGUE.withApprovers({ hangup: { roles: ['supervisor'], groups: ['S0LEADS'], users: ['U0BOB', 'U0ALICE'] } });
    expect(askedOf(catalogue)).toBe(':bell: Asking <!subteam^S0LEADS>, <@U0BOB>: a supervisor may approve or reject.');
    expect(violations(approvalMessage(catalogue, waiting), 'message')).toEqual([]);
  });

  it('names at most ten users and counts the rest', () => {
    const users = Array.from({ length: 13 }, (_, i) => `U0SUP${i}`);
    const catalogue = CATALOGUE.withApprovers({ hangup: { roles: ['supervisor', 'admin'], groups: [], users } });
    const text = askedOf(catalogue) ?? '';
    expect(text.match(/<@U0SUP\d+>/g)).toHaveLength(10);
    expect(text).toContain('and 3 more approvers (not mentioned: at most 10 are): a supervisor or an admin may approve or reject.');
  });

  it('says who may decide when nobody can be mentioned, and asks nobody once decided', () => {
    const catalogue = CATALOGUE.withApprovers({ hangup: { roles: ['supervisor'], groups: [], users: [] } });
    expect(askedOf(catalogue)).toBe(':bell: Waiting for a supervisor to approve or reject.');
    expect(askedOf(catalogue, { ...waiting, decision: { outcome: 'rejected', by: 'U0BOB', at: new Date() } })).toBeUndefined();
    expect(askedOf(CATALOGUE)).toBeUndefined();
  });
});
