import type { Identity } from '../types.js';
import { NotPermittedError } from '../errors.js';
import { permissionsOfRole, type Config } from '../../config/index.js';
import type { GroupMembers } from './groupMembers.js';

export interface ResolvedIdentity extends Identity {
  via?: 'user' | 'group' | undefined;
}

/**
 * Who a Slack user is in the role map: their `users` entry, else the first mapped group
 * (in configuration order) that contains them, else nobody (deny by default).
 */
export async function identify(config: Config, groups: GroupMembers, userId: string): Promise<ResolvedIdentity> {
  const entry = config.users[userId];
  if (entry !== undefined) {
    return { userId, role: entry.role, permissions: permissionsOfRole(config, entry.role), address: entry.address, via: 'user' };
  }
  for (const [groupId, role] of Object.entries(config.groups)) {
    if (await groups.includes(groupId, userId)) {
      return { userId, role, permissions: permissionsOfRole(config, role), via: 'group' };
    }
  }
  return { userId, permissions: [] };
}

/** Throws NotPermittedError naming the permission and the user's role unless the role grants it. */
export function authorize(identity: Identity, permission: string): void {
  if (!identity.permissions.includes(permission)) throw new NotPermittedError(permission, identity.role);
}
