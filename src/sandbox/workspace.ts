// The sandbox's pretend workspace, made from the configuration: its people (with their role, address
// and permissions, so the page can show what each may do), its channels and their call defaults.
import { permissionsOfRole, type Config } from '../config/index.js';
import type { Directory } from './slack/index.js';
import type { WorkspaceUser } from './protocol.js';

export type { WorkspaceUser } from './protocol.js';

export interface WorkspaceChannel {
  id: string;
  name: string;
  defaults: string | undefined;
}

export interface Workspace {
  teamId: string;
  teamName: string;
  users: WorkspaceUser[];
  channels: WorkspaceChannel[];
  directory: Directory;
}

export const SANDBOX_TEAM_ID = 'T0SANDBOX';

export function buildWorkspace(config: Config, names: Directory): Workspace {
  const users = Object.entries(config.users).map(([id, user]): WorkspaceUser => {
    const known = names.users?.[id];
    return {
      id,
      name: known?.name ?? id.toLowerCase(),
      realName: known?.realName ?? id,
      role: user.role,
      address: user.address,
      permissions: [...permissionsOfRole(config, user.role)],
    };
  });
  const channels = Object.entries(config.channels).map(([id, defaults]): WorkspaceChannel => ({
    id,
    name: names.channels?.[id] ?? id.toLowerCase(),
    defaults: defaults.node === undefined ? defaults.phlo : `${defaults.phlo} / ${defaults.node}`,
  }));
  if (channels.length === 0) channels.push({ id: 'C0SANDBOX', name: 'sandbox', defaults: undefined });
  const directory: Directory = {
    users: Object.fromEntries(users.map((u) => [u.id, { name: u.name, realName: u.realName }])),
    channels: Object.fromEntries(channels.map((c) => [c.id, c.name])),
  };
  return { teamId: SANDBOX_TEAM_ID, teamName: 'phlo-bot sandbox', users, channels, directory };
}
