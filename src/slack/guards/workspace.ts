import type { AllMiddlewareArgs, AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { recordRefusal } from '../../actions/refusals.js';
import type { Logger } from '../../logger.js';
import { foreignWorkspace, toMrkdwn } from '../../text/index.js';
import type { Metrics } from '../../metrics.js';
import type { Store } from '../../store/index.js';
import { answerTarget } from '../errorHandler.js';
import { ForeignWorkspaceError } from '../../actions/errors.js';
import { originOf, servesOrigin, type WorkspaceIdentity } from '../workspace.js';
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

/**
 * Only the workspace (or Enterprise Grid organization) the bot token belongs to may use this
 * app: a signed request naming another, or none, is refused and recorded, and reaches nothing else.
 */
export function workspaceGuard(deps: WorkspaceGuardDeps): Middleware<AnyMiddlewareArgs> {
  return async (args: AnyMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const ours = await deps.workspace.get();
    const origin = originOf(args.body);
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
