import type { AllMiddlewareArgs, AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { recordRefusal } from '../../actions/refusals.js';
import type { Logger } from '../../logger.js';
import { foreignWorkspace, toMrkdwn } from '../../text/index.js';
import type { Metrics } from '../../metrics.js';
import type { Store } from '../../store/index.js';
import { answerTarget } from '../errorHandler.js';
import { ForeignWorkspaceError } from '../../actions/errors.js';
import { originOf, servesOrigin, type Workspace, type WorkspaceIdentity } from '../workspace.js';
import { ackQuietly } from './ackQuietly.js';

export interface WorkspaceGuardDeps {
  workspace: WorkspaceIdentity;
  store: Store;
  metrics: Metrics;
  logger: Logger;
}

/** What the refused request stood for, in the history: its kind, as other refusals name it. */
function kindOf(args: AnyMiddlewareArgs): string {
  if ('command' in args) return 'command';
  if ('view' in args) return 'modal';
  if ('action' in args) return 'button';
  return 'event';
}

/** auth.test asked again (at most once a minute); a failure leaves the known answer standing. */
async function recheck(deps: WorkspaceGuardDeps, known: Workspace): Promise<Workspace> {
  try {
    const now = await deps.workspace.recheck();
    if (now.teamId !== known.teamId || now.enterpriseId !== known.enterpriseId || now.orgWide !== known.orgWide) {
      deps.logger.info({ before: known, now }, 'auth.test answers differently: the bot token now serves this workspace or organization');
    }
    return now;
  } catch (error) {
    deps.logger.warn({ err: error }, 'auth.test failed when asked again; its earlier answer stands');
    return known;
  }
}

/**
 * Only the workspace (or Enterprise Grid organization) the bot token belongs to may use this
 * app: a signed request naming another, or none, is refused and recorded, and reaches nothing else.
 */
export function workspaceGuard(deps: WorkspaceGuardDeps): Middleware<AnyMiddlewareArgs> {
  return async (args: AnyMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const known = await deps.workspace.get();
    const origin = originOf(args.body);
    // Not ours as far as we know: auth.test may answer otherwise now (the workspace joined an
    // Enterprise Grid organization, the install was made org-wide), so ask again before refusing.
    const ours = servesOrigin(known, origin) ? known : await recheck(deps, known);
    if (servesOrigin(ours, origin)) {
      await args.next();
      return;
    }
    await ackQuietly(args, toMrkdwn(foreignWorkspace));
    const target = answerTarget(args.body);
    const served = ours.orgWide ? `organization ${ours.enterpriseId ?? '?'}` : `team ${ours.teamId ?? '?'}`;
    const error = new ForeignWorkspaceError(origin, served);
    await recordRefusal(
      deps,
      { teamId: origin.teamId ?? '', channelId: target?.channelId ?? '', userId: target?.userId ?? '' },
      {
        action: kindOf(args),
        params: { team_id: origin.teamId ?? '', enterprise_id: origin.enterpriseId ?? '' },
        outcome: 'denied',
        error,
      },
    );
  };
}
