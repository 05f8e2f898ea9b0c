import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { identify } from '../actions/auth/authorize.js';
import type { AppDeps } from '../deps.js';
import { homeView } from '../views/home.js';

/** How many of the user's own actions the Home tab lists. */
export const HOME_RECENT_ACTIONS = 10;

/** How many requests waiting for an approver the Home tab lists (each with its buttons). */
export const HOME_WAITING_REQUESTS = 10;

export type AppHomeDeps = Pick<AppDeps, 'config' | 'catalogue' | 'store' | 'groups' | 'logger' | 'inFlight' | 'slackClient' | 'approvals'>;

/**
 * The Home tab, published each time the user opens it: their role, permissions, configured address and
 * their own last actions with outcomes. Bolt acks events before listeners run.
 */
export function appHomeOpened(deps: AppHomeDeps) {
  return async ({ event, body, context }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    // The Messages tab fires the same event; only the Home tab shows this view.
    if (event.tab !== 'home') return;
    const userId = event.user;
    const teamId = context.teamId ?? body.team_id;
    await deps.inFlight.run(async () => {
      const identity = await identify(deps.config, deps.groups, userId);
      const recent = await deps.store.actions.byUser({ teamId, userId, limit: HOME_RECENT_ACTIONS });
      // Only someone whose role approves some verb has a waiting list (empty or not).
      const approves = identity.role !== undefined && Object.values(deps.config.approvals).some((roles) => roles.includes(identity.role ?? ''));
      const waiting = approves
        ? { catalogue: deps.catalogue, requests: await deps.approvals.waitingFor(teamId, userId, identity.role, HOME_WAITING_REQUESTS) }
        : undefined;
      await deps.slackClient.views.publish({
        user_id: userId,
        view: homeView({
          role: identity.role,
          via: identity.via,
          address: identity.address,
          permissions: identity.permissions,
          recent,
          waiting,
        }),
      });
      deps.logger.debug({ user: userId, recent: recent.length }, 'app home published');
    });
  };
}
