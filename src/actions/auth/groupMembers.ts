import type { Logger } from '../../logger.js';

export type FetchGroupMembers = (groupId: string) => Promise<string[]>;

/**
 * Slack user group membership, fetched with usergroups.users.list and kept for `ttlMs`.
 * Concurrent lookups of one group share a request; a failed lookup is not cached, and a failed
 * refresh falls back to the list read before.
 */
export class GroupMembers {
  private readonly cache = new Map<string, { users: Set<string>; until: number }>();
  private readonly inFlight = new Map<string, Promise<Set<string>>>();

  constructor(
    private readonly fetch: FetchGroupMembers,
    private readonly ttlMs: number,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether `userId` is in the group; a group that can't be read counts as not containing them. */
  async includes(groupId: string, userId: string): Promise<boolean> {
    const cached = this.cache.get(groupId);
    if (cached !== undefined && cached.until > this.now()) return cached.users.has(userId);
    try {
      return (await this.load(groupId)).has(userId);
    } catch (error) {
      // A Slack hiccup must not lock supervisors out mid-call: the last list read still stands.
      if (cached !== undefined) {
        this.logger.warn({ groupId, err: error }, 'could not refresh Slack user group; using the last list read');
        return cached.users.has(userId);
      }
      this.logger.warn({ groupId, err: error }, 'could not read Slack user group; treating user as not a member');
      return false;
    }
  }

  private load(groupId: string): Promise<Set<string>> {
    const pending = this.inFlight.get(groupId);
    if (pending !== undefined) return pending;
    const request = this.fetch(groupId)
      .then((users) => {
        const set = new Set(users);
        this.cache.set(groupId, { users: set, until: this.now() + this.ttlMs });
        return set;
      })
      .finally(() => this.inFlight.delete(groupId));
    this.inFlight.set(groupId, request);
    return request;
  }
}
