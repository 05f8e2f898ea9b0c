import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { identify } from '../actions/auth/authorize.js';
import type { AppDeps } from '../deps.js';
import { homeView } from '../views/home.js';

/** How many of the user's own actions the Home tab lists. */
export const HOME_RECENT_ACTIONS = 10;

export type AppHomeDeps = Pick<AppDeps, 'config' | 'store' | 'groups' | 'logger' | 'inFlight' | 'slackClient'>;

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
      await deps.slackClient.views.publish({
        user_id: userId,
        view: homeView({
          role: identity.role,
          via: identity.via,
          address: identity.address,
          permissions: identity.permissions,
          recent,
        }),
      });
      deps.logger.debug({ user: userId, recent: recent.length }, 'app home published');
    });
  };
}
