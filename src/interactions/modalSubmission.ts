import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { InvalidInputError } from '../actions/errors.js';
import { recordRefusal } from '../actions/refusals.js';
import type { SlackContext } from '../actions/types.js';
import type { AppDeps } from '../deps.js';
import type { UserInputError } from '../errors.js';
import { inlineError } from '../messages.js';
import { ackLatency } from '../slack/ackLatency.js';
import { MODAL_BLOCK_IDS } from '../views/ids.js';
import { decodeModalMetadata, readSubmission, type SubmissionResult } from '../views/modals/index.js';

/** The modal field (block) a validation error belongs to, if it belongs to one. */
function blockOf(error: UserInputError): string | undefined {
  const field = error.field?.split('.')[0];
  return field !== undefined && Object.hasOwn(MODAL_BLOCK_IDS, field)
    ? MODAL_BLOCK_IDS[field as keyof typeof MODAL_BLOCK_IDS]
    : undefined;
}

/** What to show inline, checked without I/O: the form's own shape, then the request against the configuration. */
function inlineProblems(
  deps: AppDeps,
  result: SubmissionResult,
  slack: SlackContext,
): { errors: Record<string, string>; error: UserInputError } | undefined {
  if (!result.ok) {
    const [field, text] = Object.entries(result.errors)[0] ?? ['form', 'invalid'];
    return { errors: result.errors, error: new InvalidInputError(field, text) };
  }
  const { channelId: _channel, ...draft } = result.draft;
  const error = deps.pipeline.precheck({ ...draft, slack });
  const block = error === undefined ? undefined : blockOf(error);
  const text = error === undefined ? undefined : inlineError(error);
  return error === undefined || block === undefined || text === undefined ? undefined : { errors: { [block]: text }, error };
}

/**
 * A submitted call, transfer, member action or run form. Input that is wrong on its face stays
 * in the modal as inline errors (checked before the ack); a sound form closes and goes through
 * the same pipeline as a command, authorized again, with its result in the channel's call thread.
 */
export function modalSubmission(deps: AppDeps) {
  return async ({ ack, body, view, context }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const slack: SlackContext = {
      teamId: body.team?.id ?? body.user.team_id ?? '',
      channelId: decodeModalMetadata(view.private_metadata)?.channelId ?? '',
      userId: body.user.id,
      source: 'modal',
    };
    const result = readSubmission(view.callback_id, view.state.values, view.private_metadata);
    const problem = inlineProblems(deps, result, slack);
    if (problem !== undefined) {
      await ack({ response_action: 'errors', errors: problem.errors });
      ackLatency(deps.metrics, 'view', context);
      await recordRefusal(deps, slack, { action: view.callback_id, params: {}, outcome: 'invalid', error: problem.error });
      return;
    }
    await ack();
    ackLatency(deps.metrics, 'view', context);
    if (!result.ok) return;
    const { channelId: _channel, ...draft } = result.draft;
    await deps.inFlight.run(() => deps.pipeline.execute({ ...draft, slack }));
  };
}
