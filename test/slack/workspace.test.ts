import { describe, expect, it } from 'vitest';
import { originOf, servesOrigin, type Workspace } from '../../src/slack/workspace.js';

const workspace: Workspace = { teamId: 'T0TEAM', enterpriseId: undefined, orgWide: false };
const gridWorkspace: Workspace = { teamId: 'T0TEAM', enterpriseId: 'E0ORG', orgWide: false };
const orgWide: Workspace = { teamId: undefined, enterpriseId: 'E0ORG', orgWide: true };

describe('which requests a bot token serves', () => {
  it.each([
    [workspace, { teamId: 'T0TEAM', enterpriseId: undefined }, true],
    [workspace, { teamId: 'T0OTHER', enterpriseId: undefined }, false],
    [workspace, { teamId: undefined, enterpriseId: undefined }, false],
    [workspace, { teamId: 'T0TEAM', enterpriseId: 'E0ORG' }, false],
    [gridWorkspace, { teamId: 'T0TEAM', enterpriseId: 'E0ORG' }, true],
    [gridWorkspace, { teamId: 'T0TEAM', enterpriseId: 'E0OTHER' }, false],
    [gridWorkspace, { teamId: 'T0SISTER', enterpriseId: 'E0ORG' }, false],
    [orgWide, { teamId: 'T0SISTER', enterpriseId: 'E0ORG' }, true],
    [orgWide, { teamId: 'T0SISTER', enterpriseId: 'E0OTHER' }, false],
    [orgWide, { teamId: 'T0SISTER', enterpriseId: undefined }, false],
  ])('%j serves %j: %s', (ours, origin, expected) => {
    expect(servesOrigin(ours, origin)).toBe(expected);
  });

  it('reads the origin from each payload shape Slack sends', () => {
    expect(originOf({ team_id: 'T1', enterprise_id: 'E1', command: '/phlo' })).toEqual({ teamId: 'T1', enterpriseId: 'E1' });
    expect(originOf({ type: 'block_actions', team: { id: 'T2' }, enterprise: null, user: { id: 'U', team_id: 'T2' } })).toEqual({
      teamId: 'T2',
      enterpriseId: undefined,
    });
    expect(originOf({ type: 'view_submission', team: null, enterprise: { id: 'E3' }, user: { id: 'U', team_id: 'T3' } })).toEqual({
      teamId: 'T3',
      enterpriseId: 'E3',
    });
    expect(originOf({ team_id: '', enterprise_id: '' })).toEqual({ teamId: undefined, enterpriseId: undefined });
    expect(originOf(null)).toEqual({ teamId: undefined, enterpriseId: undefined });
  });
});
